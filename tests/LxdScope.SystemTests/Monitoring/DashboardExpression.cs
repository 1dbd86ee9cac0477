namespace LxdScope.SystemTests.Monitoring;

/// <summary>One PromQL expression of a dashboard, variables filled in; <see cref="Label"/> for a variable's label_values.</summary>
internal sealed record DashboardExpression(string File, string Where, string Expr, ExpressionKind Kind, string? Label);
