using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Tests.Raft;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class SqliteWalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Wal_written_by_sqlite_applies_to_its_main_file()
    {
        var (main, wal) = WalPair();
        var image = new PageImage();
        image.LoadMain(main);

        var frames = SqliteWal.ApplyTo(image, wal);

        Assert.True(frames > 0);
        var output = _dir.File("out.db");
        image.WriteTo(output);
        using var connection = new SqliteConnection($"Data Source={output};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(n) FROM t";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(200L, reader.GetInt64(0));
        Assert.Equal(20100L, reader.GetInt64(1));
    }

    [Fact]
    public void Damaged_frame_is_refused()
    {
        var (main, wal) = WalPair();
        wal[32 + 24 + 100] ^= 0x01;
        var image = new PageImage();
        image.LoadMain(main);

        var e = Assert.Throws<InvalidDataException>(() => SqliteWal.ApplyTo(image, wal));
        Assert.Contains("frame 1 of the WAL in the snapshot fails its checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wal_cut_inside_a_frame_is_refused()
    {
        var (main, wal) = WalPair();
        var image = new PageImage();
        image.LoadMain(main);

        Assert.Throws<InvalidDataException>(() => SqliteWal.ApplyTo(image, wal.AsSpan(0, wal.Length - 10)));
    }

    // A database whose rows are only in its WAL: checkpointing is off while the copy is taken.
    private (byte[] Main, byte[] Wal) WalPair()
    {
        var path = _dir.File("src.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; CREATE TABLE t(n INTEGER, pad TEXT)");
        Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint=0");
        for (var i = 1; i <= 200; i++)
        {
            Exec(connection, $"INSERT INTO t VALUES ({i}, hex(randomblob(40)))");
        }

        var main = ReadShared(path);
        var wal = ReadShared(path + "-wal");
        return (main, wal);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
