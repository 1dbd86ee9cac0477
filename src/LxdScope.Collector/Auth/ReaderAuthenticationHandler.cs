using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>
/// ASP.NET Core's authentication for viewer and console tokens: a known token becomes a
/// principal named after its user, with the roles of <see cref="ReaderAuthorization"/>. Refusals
/// are RFC 7807 problems like the rest of the API, with <c>WWW-Authenticate: Bearer</c> on 401.
/// </summary>
internal sealed class ReaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Readers readers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (readers.ForHeader(authorization) is not { } reader)
        {
            // Every agent's push carries its own token here: not a reader's is no result (a read
            // route then challenges with 401, ingest checks agent tokens itself), not a failure
            // that ASP.NET Core logs at Information on every report.
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        List<Claim> claims = [new(ClaimTypes.Name, reader.Name), new(ClaimTypes.Role, ReaderAuthorization.ViewerRole)];
        if (reader.Console)
        {
            claims.Add(new(ClaimTypes.Role, ReaderAuthorization.ConsoleRole));
        }

        if (reader.Admin)
        {
            claims.Add(new(ClaimTypes.Role, ReaderAuthorization.AdminRole));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            title: "Token needed",
            detail: "This collector's data is for its viewers: send 'Authorization: Bearer <viewer or console token>' (Collector:Viewers:Tokens, Collector:Console:Tokens). Agent tokens only push reports.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(
            title: "Not allowed",
            detail: "This token may read, but this needs a console token marked \"Admin\": true (Collector:Console:Tokens).",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
}
