using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Who may read what, with ASP.NET Core's authorization: reading (<see cref="ReadPolicy"/>) is
/// the fallback of every endpoint; health probes, the agents' ingest (which checks agent
/// credentials itself) and the pages' files (the same bytes in every installation, holding no
/// data) are marked <c>AllowAnonymous</c>; the audit record needs <see cref="AdminPolicy"/>.
/// </summary>
internal static class ReaderAuthorization
{
    /// <summary>The authentication scheme of viewer and console tokens.</summary>
    public const string Scheme = "ReaderToken";

    public const string ReadPolicy = "read";
    public const string AdminPolicy = "admin";

    /// <summary>Every valid viewer or console token.</summary>
    public const string ViewerRole = "viewer";

    /// <summary>Console tokens.</summary>
    public const string ConsoleRole = "console";

    /// <summary>Console tokens marked <c>Admin</c>.</summary>
    public const string AdminRole = "admin";

    public static IServiceCollection AddReaderAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ReaderAuthenticationHandler>(Scheme, null);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<Readers>((authorization, readers) =>
        {
            var read = new AuthorizationPolicyBuilder(Scheme).AddRequirements(new ReadRequirement(readers)).Build();
            authorization.AddPolicy(ReadPolicy, read);
            authorization.FallbackPolicy = read;
            authorization.AddPolicy(AdminPolicy, new AuthorizationPolicyBuilder(Scheme).RequireRole(AdminRole).Build());
        });
        return services;
    }
}
