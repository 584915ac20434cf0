using Orleans.Dashboard;
using OrleansChat.Silo;
using OrleansChat.Silo.Database;
using OrleansChat.Silo.Hosting;

// `OrleansChat.Silo migrate`: the schema and the database roles, then exit (docs/deploy.md).
if (MigrateCommand.IsRequested(args)) return await MigrateCommand.RunAsync(args);

await using var app = await JoiningSilo.StartAsync(() => Build(args));
await app.WaitForShutdownAsync();
return 0;

static WebApplication Build(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.UseOrleans(silo => silo
        .UseChatClustering(builder.Configuration)
        .AddChatGrains(builder.Configuration));

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapOrleansDashboard("/dashboard");
    app.MapGet("/", () => Results.Redirect("/dashboard"));
    return app;
}
