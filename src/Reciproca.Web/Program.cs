using Reciproca.Web.Features;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.DueWork;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.OpenApi;

var builder = WebApplication.CreateBuilder(args);
// Only when the OpenAPI document is generated at build time: no database, no background work.
builder.UseBuildTimeDocumentSettings();

builder.Services
    .AddData(builder.Configuration, builder.Environment)
    // Hosted services start in the order they are added: the migration comes first, before the data-protection key
    // ring, the e-mail dispatcher and the recurring jobs read their tables.
    .AddStartupTasks(builder.Configuration)
    .AddAuth(builder.Configuration)
    .AddWeb(builder.Configuration)
    .AddFeatures()
    .AddEmail(builder.Configuration)
    .AddNotifications()
    .AddJobs(builder.Configuration)
    .AddDueWork(builder.Configuration);

var app = builder.Build();

app.UsePipeline();
app.MapEndpoints();
app.MapFeatures();

app.Run();

/// <summary>Entry point, public so that the tests can host the application.</summary>
public partial class Program;
