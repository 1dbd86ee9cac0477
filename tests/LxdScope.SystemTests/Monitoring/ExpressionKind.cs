namespace LxdScope.SystemTests.Monitoring;

/// <summary>Where in a dashboard an expression comes from, which decides what it must return on a healthy cluster.</summary>
internal enum ExpressionKind
{
    /// <summary>A panel's target: data on a healthy cluster.</summary>
    Panel,

    /// <summary>An annotation: data only once something happened.</summary>
    Annotation,

    /// <summary>A template variable's label_values selector: series carrying the label.</summary>
    Variable,
}
