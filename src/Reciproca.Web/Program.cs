using Reciproca.Web.Features;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddData(builder.Configuration, builder.Environment)
    .AddAuth(builder.Configuration)
    .AddWeb(builder.Configuration)
    .AddFeatures()
    .AddStartupTasks(builder.Configuration)
    // After the start-up tasks: the e-mail dispatcher starts once the schema is migrated.
    .AddEmail(builder.Configuration);

var app = builder.Build();

app.UsePipeline();
app.MapEndpoints();
app.MapFeatures();

app.Run();

/// <summary>Entry point, public so that the tests can host the application.</summary>
public partial class Program;
