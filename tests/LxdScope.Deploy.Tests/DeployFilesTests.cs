using System.Text.Json;
using LxdScope.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LxdScope.Deploy.Tests;

/// <summary>Every YAML and JSON file under deploy/ parses; the example configurations are JSON with comments, as .NET's configuration reads them.</summary>
public sealed class DeployFilesTests
{
    public static TheoryData<string> YamlFiles() => new(Files("*.yml").Concat(Files("*.yaml")).Order());

    public static TheoryData<string> JsonFiles() => new(Files("*.json").Order());

    [Fact]
    public void The_kit_has_yaml_and_json_files_to_check()
    {
        var yaml = Files("*.yml").ToList();
        Assert.True(yaml.Count >= 10, string.Join(", ", yaml));
        Assert.Equal(2, Files("*.json").Count());
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Yaml_parses(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Repository.File("deploy", file)));

        stream.Load(reader);

        Assert.NotEmpty(stream.Documents);
        Assert.All(stream.Documents, d => Assert.True(d.RootNode is YamlMappingNode or YamlSequenceNode, $"{file}: a document is neither a mapping nor a list"));
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Json_parses_with_comments_as_the_configuration_reader_allows(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repository.File("deploy", file)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void A_broken_yaml_file_is_refused_by_the_same_check()
    {
        var stream = new YamlStream();
        using var reader = new StringReader("groups:\n  - name: x\n   rules: [\n");

        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => stream.Load(reader));
    }

    private static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Repository.File("deploy"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}testbed{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repository.File("deploy"), f));
}
