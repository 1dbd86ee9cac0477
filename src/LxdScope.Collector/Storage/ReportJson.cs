using System.Runtime.InteropServices;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>Reports as the stores keep them: the agent's JSON, as received.</summary>
internal static class ReportJson
{
    /// <param name="what">Names the stored report in the error (e.g. "The latest report of agent X in DB").</param>
    /// <exception cref="InvalidDataException">The stored JSON is not a report.</exception>
    public static AgentReport Parse(byte[] json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ContractJson.Default.AgentReport)
                ?? throw new InvalidDataException($"{what} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not a valid report: {e.Message}", e);
        }
    }

    /// <summary>The bytes as an array, without a copy when they are one already.</summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
