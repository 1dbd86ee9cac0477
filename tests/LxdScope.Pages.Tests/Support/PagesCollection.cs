namespace LxdScope.Pages.Tests.Support;

/// <summary>The browser tests share one collector and one Chromium (<see cref="PagesFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "pages";
}
