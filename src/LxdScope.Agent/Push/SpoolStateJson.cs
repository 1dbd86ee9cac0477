using System.Text.Json.Serialization;

namespace LxdScope.Agent.Push;

/// <summary>Source-generated, so the NativeAOT agent needs no reflection to read its state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    WriteIndented = true)]
[JsonSerializable(typeof(SpoolState))]
internal sealed partial class SpoolStateJson : JsonSerializerContext;
