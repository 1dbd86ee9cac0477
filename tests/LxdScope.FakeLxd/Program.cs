using System.Net;
using LxdScope.FakeLxd;

// fakelxd GENERATION_DIR SCHEMAS_ROOT LXD_DIR: serves until killed; prints "ready" once it answers.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: fakelxd GENERATION_DIR SCHEMAS_ROOT LXD_DIR");
    return 2;
}

var generation = Generation.Load(args[0], args[1], args[2]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.ListenUnixSocket(generation.SocketPath);
    foreach (var address in generation.MemberAddresses)
    {
        k.Listen(IPEndPoint.Parse(address), o => o.UseHttps(generation.ClusterCertificate));
    }
});
var app = builder.Build();
app.MapGet("/1.0", () => Results.Text(generation.Server, "application/json"));
app.MapGet("/1.0/cluster/members", () => Results.Text(generation.Members, "application/json"));
app.MapPost("/internal/sql", async (HttpRequest request) => Results.Text(await generation.SqlAsync(request.Body), "application/json"));
app.MapFallback(() => Results.Text("""{"type":"error","error":"not found","error_code":404,"metadata":null}""", "application/json", statusCode: 404));
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;
