using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Notifications;

/// <summary>
/// The notifier: a feature names the recipient, the notifier finds how to reach them and in which language, and
/// queues the e-mail in the feature's unit of work.
/// </summary>
public abstract class NotifierTests(AppFixture fixture)
{
    private const string Kind = "NotifierTest";

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_is_written_to_in_their_language_within_the_callers_unit_of_work()
    {
        await ResetAsync();
        var giulia = await AddPersonAsync("Giulia Rossi", " giulia.rossi@example.test ", "italiano", "english");
        var composedIn = new List<string>();

        await using var scope = Factory.Services.CreateAsyncScope();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var delivered = await InCultureAsync("en", () => scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(
            new Notice(Kind, giulia, to =>
            {
                composedIn.Add($"{CultureInfo.CurrentUICulture.Name}/{to.Culture.Name}");
                return new EmailContent("Subject", localizer.Greeting(to.Name), ["Body"], null, null, localizer["Email.Footer"]);
            }),
            Cancel));

        // The e-mail and the in-app notification, from one composition.
        Assert.Equal(2, delivered);
        Assert.Equal(["it/it"], composedIn);
        // Queued, not saved: the caller's SaveChanges writes it with the change it tells about.
        Assert.Equal(0, await CountAsync());
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);

        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(("giulia.rossi@example.test", "Giulia Rossi", Kind), (message.ToAddress, message.ToName, message.Kind));
        Assert.StartsWith("Gentile Giulia Rossi,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Dear", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_an_email_address_gets_no_email_only_the_in_app_notification_and_the_others_still_do()
    {
        await ResetAsync();
        var withoutEmail = await AddPersonAsync("Marco Verdi", null, "it");
        var blank = await AddPersonAsync("Luca Neri", "   ", "it");
        var anna = await AddPersonAsync("Anna Bianchi", "anna.bianchi@example.test");
        var composed = new List<string?>();

        await using var scope = Factory.Services.CreateAsyncScope();
        var notices = new[] { withoutEmail, blank, anna, Guid.NewGuid() }
            .Select(id => new Notice(Kind, id, to =>
            {
                composed.Add(to.Name);
                return new EmailContent("Subject", $"Hello {to.Name},", ["Body"], null, null, "Reciproca");
            }))
            .ToList();
        var delivered = await InCultureAsync("it", () => scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(notices, Cancel));
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);

        // Three in-app notifications and one e-mail; each notice is composed once, whatever the channels, and nothing
        // is rendered for an unknown person.
        Assert.Equal(4, delivered);
        Assert.Equal(["Marco Verdi", "Luca Neri", "Anna Bianchi"], composed);
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal("anna.bianchi@example.test", message.ToAddress);
        var inApp = await Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == Kind).Select(n => n.RecipientId).ToListAsync(Cancel));
        Assert.Equal(new[] { withoutEmail, blank, anna }.Order(), inApp.Order());
    }

    [Fact]
    public async Task A_person_of_unknown_language_and_an_account_read_the_senders_language()
    {
        await ResetAsync();
        var person = await AddPersonAsync("Sara Galli", "sara.galli@example.test", "deutsch");
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var account = await Factory.WithDbAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName, Cancel)).Id);

        await using var scope = Factory.Services.CreateAsyncScope();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        EmailContent Compose(Addressee to) => new("Subject", localizer.Greeting(to.Name), ["Body"], null, null, "Reciproca");
        await InCultureAsync("it", () => scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(
            [new Notice(Kind, person, Compose), new Notice(Kind, NoticeRecipient.Account(account), Compose)], Cancel));
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);

        var messages = (await MessagesAsync()).ToDictionary(m => m.ToAddress);
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("Gentile Sara Galli,", messages["sara.galli@example.test"].TextBody, StringComparison.Ordinal);
        var hr = messages[userName];
        Assert.Equal(Roles.ProgrammeManager, hr.ToName);
        Assert.StartsWith($"Gentile {Roles.ProgrammeManager},", hr.TextBody, StringComparison.Ordinal);
    }

    private static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> action)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await action();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private async Task<Guid> AddPersonAsync(string name, string? email, params string[] languages)
    {
        var person = new Person { ExternalId = $"N-{Guid.NewGuid():N}", DisplayName = name, Email = email, Languages = [.. languages] };
        person.Touch(Factory.Time.GetUtcNow().UtcDateTime);
        await Factory.WithDbAsync(db =>
        {
            db.People.Add(person);
            return db.SaveChangesAsync(Cancel);
        });
        return person.Id;
    }

    private Task<List<OutboxMessage>> MessagesAsync() =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == Kind).ToListAsync(Cancel));

    private Task<int> CountAsync() => Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == Kind, Cancel));

    private Task<int> ResetAsync() => Factory.WithDbAsync(async db =>
    {
        await db.Notifications.Where(n => n.Kind == Kind).ExecuteDeleteAsync(Cancel);
        return await db.OutboxMessages.ExecuteDeleteAsync(Cancel);
    });
}

public sealed class NotifierSqliteTests(SqliteAppFixture fixture) : NotifierTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class NotifierPostgresTests(PostgresAppFixture fixture) : NotifierTests(fixture), IClassFixture<PostgresAppFixture>;
