using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.Passwords;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// The password rules after ASVS 2.1 (Passwords/PasswordPolicy), through the application's own UserManager: length,
/// not composition; no common or breached password, none with the product's or the user's name, no repetition.
/// Checking a password reads no data, so one engine is enough.
/// </summary>
public sealed class PasswordPolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly AppUser _user = new() { UserName = "giulia.rossi@officine.example", Email = "giulia.rossi@officine.example", DisplayName = "Giulia Rossi" };

    [Theory]
    [InlineData("password12", "PasswordTooShort")]
    [InlineData("aaaaaaaaa1", "PasswordTooShort")]
    [InlineData("reciproca1", "PasswordTooShort")]
    [InlineData("password1234", "PasswordCommon")]
    [InlineData("PassWord1234", "PasswordCommon")]
    [InlineData("qwertyuiopasdfgh", "PasswordCommon")]
    [InlineData("reciproca2026", "PasswordContainsProductName")]
    [InlineData("My-ReCiProCa-account", "PasswordContainsProductName")]
    [InlineData("aaaaaaaaaaa1", "PasswordRequiresUniqueChars")]
    [InlineData("abababababab", "PasswordRequiresUniqueChars")]
    [InlineData("Giulia.Rossi-2026", "PasswordContainsUserName")]
    [InlineData("my mail is giulia.rossi@officine.example", "PasswordContainsUserName")]
    public async Task Weak_passwords_are_refused_with_the_reason(string password, string code)
    {
        var errors = await ValidateAsync(_user, password);

        Assert.Contains(code, errors);
    }

    [Theory]
    [InlineData("reciproca1", new[] { "PasswordTooShort", "PasswordContainsProductName" })]
    [InlineData("password12", new[] { "PasswordTooShort" })]
    public async Task Every_reason_is_reported_at_once(string password, string[] codes) =>
        Assert.Equal(codes.Order(), (await ValidateAsync(_user, password)).Order());

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("la nebbia sale piano sul naviglio")]
    [InlineData("Test-password-2026")]
    [InlineData("zq7#wv!k2m9p")]
    public async Task Passphrases_and_long_passwords_pass_without_composition_rules(string password) =>
        Assert.Empty(await ValidateAsync(_user, password));

    [Fact]
    public async Task Up_to_128_characters_are_allowed_and_more_are_refused()
    {
        var sentence = string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog ", 3));
        var at128 = sentence[..PasswordPolicy.MaximumLength];
        var at129 = sentence[..(PasswordPolicy.MaximumLength + 1)];

        Assert.Empty(await ValidateAsync(_user, at128));
        Assert.Equal(["PasswordTooLong"], await ValidateAsync(_user, at129));
    }

    [Fact]
    public async Task A_short_user_name_is_not_looked_for_in_the_password()
    {
        var hr = new AppUser { UserName = "hr@demo.example", Email = "hr@demo.example", DisplayName = "HR" };

        Assert.Empty(await ValidateAsync(hr, "three birches by the river"));
    }

    [Fact]
    public void The_shipped_list_has_every_password_of_the_package_and_only_the_long_ones_are_held_in_memory()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(CommonPasswords.ResourceName)!;
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var all = 0;
        var longEnough = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            all++;
            if (line.Length >= PasswordPolicy.MinimumLength)
            {
                longEnough.Add(line.ToLowerInvariant());
            }
        }

        Assert.Equal(437_652, all);
        var loaded = fixture.Require().Services.GetRequiredService<CommonPasswords>();
        Assert.Equal(longEnough.Count, loaded.Count);
        Assert.True(loaded.Contains("IloveYou1234"));
        Assert.False(loaded.Contains("password"), "shorter than the minimum: the length rule refuses it, the list need not hold it");
    }

    [Fact]
    public async Task The_new_reasons_are_told_in_italian_and_in_english()
    {
        var english = await DescribeAsync("en", "reciproca-" + new string('x', 120));
        var italian = await DescribeAsync("it", "password1234");

        Assert.Contains("The password may have at most 128 characters.", english);
        Assert.Contains("The password must not contain the name of the product (Reciproca).", english);
        Assert.Contains("Questa password è in un elenco di password comuni o trafugate: scegline un'altra (funziona bene una frase di qualche parola insolita).", italian);
    }

    [Fact]
    public async Task Every_generated_one_time_password_passes_the_policy()
    {
        var admin = new AppUser { UserName = "admin@reciproca.local", Email = "admin@reciproca.local", DisplayName = "Administrator" };
        var passwords = Enumerable.Range(0, 2000).Select(_ => Reciproca.Web.Infrastructure.Auth.Passwords.OneTimePasswords.Generate()).ToList();

        foreach (var password in passwords)
        {
            Assert.Empty(await ValidateAsync(admin, password));
        }

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    private async Task<List<string>> ValidateAsync(AppUser user, string password)
    {
        await using var scope = fixture.Require().Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Code));
        }

        return errors;
    }

    private async Task<List<string>> DescribeAsync(string language, string password)
    {
        await using var scope = fixture.Require().Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // Set inside this async method only: the caller's culture is restored when it returns.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, _user, password)).Errors.Select(e => e.Description));
        }

        return errors;
    }
}
