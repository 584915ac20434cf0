using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Cluster;
using OrleansChat.Web.Home;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Realtime;
using OrleansChat.Web.Widget;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatClusterClient();
builder.AddChatAuth();
builder.AddChatApis();
builder.AddChatRealtime();
builder.AddChatWidget();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWidgetFiles();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapHomePage();
app.MapAuthApi();
app.MapRoomsApi();
app.MapMessagesApi();
app.MapPresenceApi();
app.MapWidgetSessionsApi();
app.MapChatHub();

app.Run();
