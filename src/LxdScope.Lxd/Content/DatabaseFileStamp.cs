using System.Buffers.Binary;

namespace LxdScope.Lxd.Content;

/// <summary>
/// A cheap "has this SQLite file changed?" test without opening it as a database: its size, its
/// modification time and the file change counter at byte 24 of the header, which SQLite bumps
/// on every committed transaction in rollback-journal mode (local.db's mode).
/// https://www.sqlite.org/fileformat2.html#file_change_counter
/// </summary>
public readonly record struct DatabaseFileStamp(long Length, DateTime ModifiedUtc, uint ChangeCounter)
{
    /// <summary>What <see cref="Read"/> reads of the file: the header up to the change counter.</summary>
    public const int HeaderBytes = 28;

    public static DatabaseFileStamp Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        var counter = read == header.Length ? BinaryPrimitives.ReadUInt32BigEndian(header[24..]) : 0u;
        return new DatabaseFileStamp(info.Length, info.LastWriteTimeUtc, counter);
    }
}
