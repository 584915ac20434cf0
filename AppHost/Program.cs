using OrleansChat.AppHost;

// `--cluster` is a switch of ours; configuration would take the argument after it as its value.
var cluster = args.Contains("--cluster");
var builder = DistributedApplication.CreateBuilder(args.Where(arg => arg != "--cluster").ToArray());

if (cluster)
{
    // Cluster: PostgreSQL (ConnectionStrings:chatdb, or a container) <- migrate step <- 2 silos <- 2 web replicas,
    // which keep attached files in Azure Blob Storage (ConnectionStrings:files, or an Azurite container).
    var chatdb = builder.AddChatDatabase();
    var files = builder.AddFileStorage();
    var migrate = builder.AddMigrateStep(chatdb);
    var silos = Enumerable.Range(1, 2).Select(i => builder.AddSilo($"silo{i}").WithDatabase(chatdb).AfterMigrateStep(migrate)).ToArray();
    foreach (var i in Enumerable.Range(1, 2))
    {
        builder.AnnounceWhenReady(builder.AddWeb($"web{i}").WithDatabase(chatdb).WithFileStorage(files).WaitFor(silos[0]));
    }
}
else
{
    // Embedded: one silo keeping everything in one SQLite file <- the web tier (files in a folder beside it). No containers.
    var silo = builder.AddSilo("silo", onePerModel: true);
    builder.AnnounceWhenReady(builder.AddWeb("web", onePerModel: true).WithGatewayOf(silo).WaitFor(silo));
}

builder.Build().Run();
