using OrleansChat.Web.Ai;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Cluster;
using OrleansChat.Web.Files;
using OrleansChat.Web.Pages;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Identity;
using OrleansChat.Web.Realtime;
using OrleansChat.Web.Widget;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatClusterClient();
builder.AddChatAuth();
builder.AddChatApis();
builder.AddChatFiles();
builder.AddChatRealtime();
builder.AddChatAi();
builder.AddChatWidget();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseWidgetFiles();
app.UseCors();
app.UseHubOriginCheck();
app.UseAuthentication();
app.UseHubAdmission();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapChatPages();
app.MapAuthApi();
app.MapSignInApi();
app.MapRoomsApi();
app.MapMessagesApi();
app.MapFilesApi();
app.MapPresenceApi();
app.MapAiApi();
app.MapAssistantApi();
app.MapWidgetSessionsApi();
app.MapSupportApi();
app.MapChatHub();

app.Run();
