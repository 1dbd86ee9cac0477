using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent.Tests;

/// <summary>The bound "Agent" section and its validation: every wrong setting named at once, in every form the keys come in.</summary>
public sealed class AgentSectionValidatorTests
{
    private static AgentSection Bind(params (string Key, string Value)[] settings) =>
        AgentSection.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Agent:" + s.Key, s.Value))).Build());

    [Fact]
    public void Every_wrong_setting_is_named_at_once()
    {
        var result = new AgentSectionValidator(requireCollector: true).Validate(null, Bind(("Interval", "soon"), ("Spool:MaxBytes", "0"), ("Fan:MtuProbe", "maybe")));

        Assert.True(result.Failed);
        Assert.Equal(6, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Cluster is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Collector is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Token or Agent:TokenFile is required", StringComparison.Ordinal));
        Assert.Contains("Agent:Interval must be a duration between 0 and 1h such as 10s or 500ms, not 'soon'.", result.Failures!);
        Assert.Contains("Agent:Spool:MaxBytes must be a whole number between 1 and 9223372036854775807, not '0'.", result.Failures!);
        Assert.Contains("Agent:Fan:MtuProbe must be true or false, not 'maybe'.", result.Failures!);
    }

    [Fact]
    public void A_fan_probe_interval_is_named_with_its_section()
    {
        var result = new AgentSectionValidator(requireCollector: false).Validate(null, Bind(("Cluster", "prod"), ("Fan:ProbeInterval", "2h")));

        Assert.Equal("Agent:Fan:ProbeInterval must be a duration between 0 and 1h such as 10s or 500ms, not '2h'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void A_collector_switch_is_true_or_false()
    {
        var result = new AgentSectionValidator(requireCollector: false).Validate(null, Bind(("Cluster", "prod"), ("Collectors:raft:Enabled", "off")));

        Assert.Equal("Agent:Collectors:raft:Enabled must be true or false, not 'off'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Settings_of_a_fan_watch_that_is_off_are_not_judged()
    {
        var result = new AgentSectionValidator(requireCollector: false).Validate(null, Bind(("Cluster", "prod"), ("Fan:Enabled", "false"), ("Fan:Underlay", "not a subnet")));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Lists_come_as_arrays_or_comma_separated_and_switches_in_either_form()
    {
        var commas = Bind(("Collector", "http://c1:9470, http://c2:9470"), ("Content:Redact", "a.b, c:d"), ("Collectors:raft", "false"), ("Collectors:fan:Enabled", "false"));
        var arrays = Bind(("Collector:0", "http://c1:9470"), ("Collector:1", "http://c2:9470"), ("Content:Redact:0", "a.b"), ("Content:Redact:1", "c:d"));

        Assert.Equal(["http://c1:9470", "http://c2:9470"], commas.Collector);
        Assert.Equal(commas.Collector, arrays.Collector);
        Assert.Equal(["a.b", "c:d"], commas.Content.Redact);
        Assert.Equal(commas.Content.Redact, arrays.Content.Redact);
        Assert.Equal(["fan", "raft"], commas.Disabled.Order());
        Assert.Empty(arrays.Disabled);
    }
}
