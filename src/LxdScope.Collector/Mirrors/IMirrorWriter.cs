namespace LxdScope.Collector.Mirrors;

/// <summary>A store's writes to its mirrors, inside the transaction of the report that carries the content.</summary>
internal interface IMirrorWriter
{
    /// <summary>Called first for each mirror a report touches: serializes writers of the mirror and marks it changed for cached copies.</summary>
    void Begin(MirrorKey key);

    MirrorHead Head(MirrorKey key);

    void Insert(MirrorKey key, TableVersion version);

    void Confirm(MirrorKey key, MirrorConfirmation confirmation);
}
