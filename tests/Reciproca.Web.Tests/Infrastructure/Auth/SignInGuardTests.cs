using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.SignIn;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Sign-in tells an attacker nothing and cannot be used to lock someone out.</summary>
public abstract partial class SignInGuardTests(AppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);

        var unknown = await SignInAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.example", "Whatever passphrase 1", "10.1.0.1");
        var wrong = await SignInAsync(userName, "Whatever passphrase 1", "10.1.0.2");

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.NotEmpty(unknown.Error);
        Assert.Equal(unknown.Error, wrong.Error);
    }

    [Fact]
    public async Task A_disabled_account_gets_the_same_answer_as_a_wrong_password_even_with_the_right_one()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(userName))!, DateTimeOffset.MaxValue);
        }

        var disabled = await SignInAsync(userName, ReciprocaFactory.UserPassword, "10.1.1.1");
        var wrong = await SignInAsync(await Factory.CreateUserAsync(Roles.ProgrammeManager), "Whatever passphrase 1", "10.1.1.2");

        Assert.Equal(wrong.Error, disabled.Error);
        Assert.DoesNotContain("lock", disabled.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Failed_attempts_slow_down_the_failing_client_and_not_the_account()
    {
        var userName = await Factory.CreateUserAsync(Roles.Administrator);
        for (var i = 0; i < SignInGuard.FreeFailures + 1; i++)
        {
            await SignInAsync(userName, "Not the password " + i, "10.2.0.66");
        }

        var fromTheAttacker = await SignInAsync(userName, ReciprocaFactory.UserPassword, "10.2.0.66");
        var fromTheOwnersDesk = await SignInAsync(userName, ReciprocaFactory.UserPassword, "10.2.0.7");

        Assert.Equal(HttpStatusCode.OK, fromTheAttacker.Status);
        Assert.Equal(HttpStatusCode.Redirect, fromTheOwnersDesk.Status);
    }

    [Fact]
    public async Task Failures_from_one_client_do_not_slow_it_down_on_another_account()
    {
        var target = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var own = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        for (var i = 0; i < SignInGuard.FreeFailures + 3; i++)
        {
            await SignInAsync(target, "Not the password " + i, "10.3.0.1");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(own, ReciprocaFactory.UserPassword, "10.3.0.1")).Status);
    }

    [Fact]
    public async Task An_unknown_account_costs_the_same_password_verification_as_a_known_one()
    {
        var counter = new CountingPasswordHasher();
        await using var counted = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<AppUser>>(counter)));
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);

        await SignInAsync(counted, userName, "Whatever passphrase 1", "10.4.0.1");
        var known = counter.Verifications;
        await SignInAsync(counted, "nobody-" + Guid.NewGuid().ToString("N") + "@test.example", "Whatever passphrase 1", "10.4.0.2");
        var unknown = counter.Verifications - known;

        Assert.Equal(1, known);
        Assert.Equal(1, unknown);
    }

    [Fact]
    public void Delays_start_after_the_free_failures_and_double_up_to_fifteen_minutes()
    {
        Assert.Equal(TimeSpan.Zero, SignInGuard.DelayAfter(SignInGuard.FreeFailures));
        Assert.Equal(TimeSpan.FromSeconds(30), SignInGuard.DelayAfter(SignInGuard.FreeFailures + 1));
        Assert.Equal(TimeSpan.FromSeconds(60), SignInGuard.DelayAfter(SignInGuard.FreeFailures + 2));
        Assert.Equal(TimeSpan.FromMinutes(8), SignInGuard.DelayAfter(SignInGuard.FreeFailures + 5));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInGuard.DelayAfter(SignInGuard.FreeFailures + 6));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInGuard.DelayAfter(10_000));
    }

    private Task<(HttpStatusCode Status, string Error)> SignInAsync(string userName, string password, string clientAddress) =>
        SignInAsync(Factory, userName, password, clientAddress);

    private static async Task<(HttpStatusCode Status, string Error)> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string userName, string password, string clientAddress)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress);
        var response = await BrowserSession.SignInAsync(client, userName, password);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, ErrorSummary().Match(html).Groups[1].Value.Trim());
    }

    [GeneratedRegex("validation-summary-errors[^>]*>\\s*<ul>\\s*<li>([^<]*)</li>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    /// <summary>Counts the verifications the sign-in spends, which is what its time is made of.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SignInGuardSqliteTests(SqliteAppFixture fixture) : SignInGuardTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SignInGuardPostgresTests(PostgresAppFixture fixture) : SignInGuardTests(fixture), IClassFixture<PostgresAppFixture>;
