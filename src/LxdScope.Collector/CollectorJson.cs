using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LxdScope.Collector;

/// <summary>
/// Source-generated JSON for what the collector's endpoints write besides the wire contract
/// (which has <see cref="Contracts.ContractJson"/>): the executable is NativeAOT, without reflection.
/// </summary>
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class CollectorJson : JsonSerializerContext;
