namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>
/// A <see cref="PageImage"/> as a page source, optionally with some pages replaced: the image
/// before a transaction is the image after it with the pages it wrote put back as they were.
/// </summary>
internal sealed class ImagePages(PageImage image, IReadOnlyDictionary<uint, byte[]?>? replaced = null) : IPageSource
{
    public int PageSize => image.PageSize;

    public byte[]? Page(uint number) =>
        replaced is not null && replaced.TryGetValue(number, out var old) ? old : image.Get(number);
}
