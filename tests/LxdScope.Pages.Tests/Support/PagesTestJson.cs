using System.Text.Json.Serialization;

namespace LxdScope.Pages.Tests.Support;

[JsonSerializable(typeof(string))]
internal sealed partial class PagesTestJson : JsonSerializerContext;
