using System.Text;
using System.Text.Json;
using LxdScope.Lxd.Content;

namespace LxdScope.Lxd.Tests.Content;

public sealed class SqlValueJsonTests
{
    [Fact]
    public void Values_round_trip_and_blobs_and_non_finite_numbers_become_text()
    {
        object?[] values = [null, 42L, 1.5, "a\"b", new byte[] { 1, 2, 3 }, double.NaN];
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                SqlValueJson.Write(writer, value);
            }

            writer.WriteEndArray();
        }

        Assert.Equal("""[null,42,1.5,"a\u0022b","AQID","NaN"]""", Encoding.UTF8.GetString(stream.ToArray()));
        var read = JsonDocument.Parse(stream.ToArray()).RootElement.EnumerateArray().Select(SqlValueJson.Read).ToList();
        Assert.Equal([null, 42L, 1.5, "a\"b", "AQID", "NaN"], read);
    }
}
