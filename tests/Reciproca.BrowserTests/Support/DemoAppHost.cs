namespace Reciproca.BrowserTests.Support;

/// <summary>
/// The application with its demo organisation (Officine Brianza: 300 people, a programme ready to match, a pilot of
/// active pairs) and the demo accounts the console prints: what a newcomer sees after <c>dotnet run</c>.
/// </summary>
public sealed class DemoAppHost : AppHost
{
    public const string DemoPassword = "officine-brianza-2026";
    public const string DemoHr = "hr@demo.reciproca.example";
    public const string DemoSponsor = "sponsor@demo.reciproca.example";
    public const string DemoJunior = "junior@demo.reciproca.example";
    public const string DemoSenior = "senior@demo.reciproca.example";

    protected override bool SeedDemo => true;
}
