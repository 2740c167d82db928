using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Outside Development e-mails are sent, not kept on disk, unless the pickup folder is chosen on purpose (ADR 0014).</summary>
public sealed class DeliveryDefaultsTests
{
    [Fact]
    public async Task Outside_development_the_default_delivery_is_smtp()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["Email:Delivery"] = null,
            ["Email:AllowPickupOutsideDevelopment"] = null,
        });

        Assert.IsType<SmtpMailTransport>(factory.Services.GetRequiredService<IMailTransport>());
    }

    [Fact]
    public async Task Outside_development_pickup_delivery_is_refused_at_start_unless_allowed_on_purpose()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Email:AllowPickupOutsideDevelopment"] = "false" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var message = PublicAddressStartupTests.Messages(failure);
        Assert.Contains("Email:Delivery is Pickup outside Development", message, StringComparison.Ordinal);
        Assert.Contains("Email:AllowPickupOutsideDevelopment=true", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pickup_chosen_on_purpose_is_honoured_outside_development()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite);

        Assert.IsType<PickupFolderMailTransport>(factory.Services.GetRequiredService<IMailTransport>());
    }
}
