using OrleansChat.AppHost;

// Embedded mode: one silo keeping everything in one SQLite file, and the web tier as its Orleans client.
// No container resources, so it runs wherever the .NET SDK does.
var builder = DistributedApplication.CreateBuilder(args);

var silo = builder.AddProject<Projects.OrleansChat_Silo>("silo")
    .WithOrleansEndpoints()
    .WithChatSettings(builder.Configuration)
    .WithHttpHealthCheck("/health");

var web = builder.AddProject<Projects.OrleansChat_Web>("web")
    .WithGatewayOf(silo)
    .WithChatSettings(builder.Configuration)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WaitFor(silo);

builder.AnnounceWhenReady(web);
builder.Build().Run();
