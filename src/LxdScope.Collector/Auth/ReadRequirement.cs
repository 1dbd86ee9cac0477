using Microsoft.AspNetCore.Authorization;

namespace LxdScope.Collector.Auth;

/// <summary>
/// May read the collector's data: anyone while no viewer tokens are configured, else a viewer or
/// a console user. Checked on every route that is not marked otherwise (the fallback policy), so a
/// route added later is closed like the others unless it says why it is open.
/// </summary>
internal sealed class ReadRequirement(Readers readers) : AuthorizationHandler<ReadRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadRequirement requirement)
    {
        if (!readers.Required || context.User.IsInRole(ReaderAuthorization.ViewerRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
