using LxdScope.Contracts;

namespace LxdScope.Agent.Tests.Push;

/// <summary>One request as the fake collector received it.</summary>
internal sealed record FakeRequest(string Authorization, string? ContentType, string ContentEncoding, AgentReport? Report);
