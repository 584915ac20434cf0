using Orleans.Dashboard;
using OrleansChat.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UseOrleans(silo => silo
    .UseChatClustering(builder.Configuration)
    .AddChatGrains(builder.Configuration));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrleansDashboard("/dashboard");
app.MapGet("/", () => Results.Redirect("/dashboard"));
app.Run();
