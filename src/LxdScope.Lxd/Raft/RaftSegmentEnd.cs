namespace LxdScope.Lxd.Raft;

/// <summary>Why reading a segment stopped.</summary>
public enum RaftSegmentEnd
{
    /// <summary>The last batch ended exactly at the end of the file: how closed segments end.</summary>
    EndOfFile = 1,

    /// <summary>A batch header with 0 entries: the normal end of data in an open segment.</summary>
    ZeroBatch = 2,

    /// <summary>Empty file or format 0: an open segment that was preallocated but never written.</summary>
    Unused = 3,

    /// <summary>Torn tail: the file ends in the middle of a batch.</summary>
    ShortRead = 4,

    /// <summary>Torn or corrupt: the batch header does not match its checksum.</summary>
    HeaderChecksumMismatch = 5,

    /// <summary>Torn or corrupt: the entry payloads do not match their checksum.</summary>
    DataChecksumMismatch = 6,

    /// <summary>The file does not start with disk format 1.</summary>
    BadFormat = 7,

    /// <summary>A batch header that passed its checksum but makes no sense (too many entries, unknown type).</summary>
    BadBatch = 8,
}
