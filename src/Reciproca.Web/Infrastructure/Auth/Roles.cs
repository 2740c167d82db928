namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>The four roles of PRODUCT.md. Programme scope is checked on top of these by each feature.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProgrammeManager = nameof(ProgrammeManager);
    public const string Participant = nameof(Participant);
    public const string Sponsor = nameof(Sponsor);

    public static IReadOnlyList<string> All { get; } = [Administrator, ProgrammeManager, Participant, Sponsor];
}

/// <summary>Named authorization policies used by pages and endpoints.</summary>
public static class Policies
{
    /// <summary>Read and change the people directory: HR and administrators.</summary>
    public const string ManagePeople = nameof(ManagePeople);

    /// <summary>Design programmes, enrol, match: HR and administrators (programme scope is checked on top).</summary>
    public const string ManageProgrammes = nameof(ManageProgrammes);

    /// <summary>Platform settings, users and tokens.</summary>
    public const string Administer = nameof(Administer);
}
