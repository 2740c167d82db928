using System.Security.Cryptography;

namespace Reciproca.Web.Infrastructure.Auth.Passwords;

/// <summary>A password handed over once (the first administrator's, an account an administrator creates); its owner replaces it at first sign-in.</summary>
public static class OneTimePasswords
{
    // Readable enough to type from a console, strong enough for a first sign-in: 18 characters from 55 (about 104
    // bits), above the 12-character minimum and with a digit, a lower-case and an upper-case letter; without 'l' and
    // 'o' it can never spell the product's name, which the password policy refuses.
    public static string Generate()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[18];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
