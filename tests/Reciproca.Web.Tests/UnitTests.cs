using System.Text;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.Web.Tests;

public sealed class GenerationSchemeTests
{
    [Theory]
    [InlineData("Pew", 1945, "silent")]
    [InlineData("Pew", 1946, "boomers")]
    [InlineData("Pew", 1980, "genx")]
    [InlineData("Pew", 1981, "millennials")]
    [InlineData("Pew", 1996, "millennials")]
    [InlineData("Pew", 1997, "genz")]
    [InlineData("McCrindle", 1979, "genx")]
    [InlineData("McCrindle", 1980, "millennials")]
    [InlineData("McCrindle", 1995, "genz")]
    [InlineData("mccrindle", 1940, "builders")]
    public void Birth_years_fall_in_the_schemes_generations(string scheme, int year, string expected) =>
        Assert.Equal(expected, GenerationScheme.FromName(scheme).Of(year)?.Key);

    [Fact]
    public void Years_outside_every_generation_and_unknown_schemes_are_explicit()
    {
        Assert.Null(GenerationScheme.Pew.Of(1900));
        Assert.Null(GenerationScheme.Pew.Of(null));
        Assert.Throws<InvalidOperationException>(() => GenerationScheme.FromName("Strauss-Howe"));
    }
}

public sealed class SearchNormalizerTests
{
    [Theory]
    [InlineData("Nicolò  CANTÙ", "nicolo cantu")]
    [InlineData("  Zoë\tPirrò ", "zoe pirro")]
    [InlineData(null, "")]
    public void Text_is_folded_to_lower_case_without_accents(string? input, string expected) =>
        Assert.Equal(expected, SearchNormalizer.Normalize(input));
}

public sealed class MappingGuesserTests
{
    [Fact]
    public void The_ibm_export_headers_are_recognised()
    {
        var mapping = MappingGuesser.Guess(["Age", "Attrition", "Department", "EmployeeNumber", "Gender", "JobRole"]);

        Assert.Equal("EmployeeNumber", mapping["externalId"]);
        Assert.Equal("Age", mapping["age"]);
        Assert.Equal("Department", mapping["department"]);
        Assert.Equal("JobRole", mapping["jobTitle"]);
        Assert.Equal("Gender", mapping["gender"]);
    }

    [Fact]
    public void Italian_headers_are_recognised_and_the_precise_birth_source_wins()
    {
        var mapping = MappingGuesser.Guess(["Matricola", "Nome", "Cognome", "Data di nascita", "Età", "Sede", "Matricola responsabile"]);

        Assert.Equal("Matricola", mapping["externalId"]);
        Assert.Equal("Nome", mapping["givenName"]);
        Assert.Equal("Cognome", mapping["familyName"]);
        Assert.Equal("Data di nascita", mapping["birthDate"]);
        Assert.False(mapping.ContainsKey("age"));
        Assert.Equal("Sede", mapping["location"]);
        Assert.Equal("Matricola responsabile", mapping["managerExternalId"]);
    }
}

public sealed class CsvEncodingTests
{
    [Fact]
    public void Utf8_is_kept_and_windows_1252_is_recognised()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var utf8 = new MemoryStream(Encoding.UTF8.GetBytes("a;b\r\nNicolò;x\r\n"));
        using var ansi = new MemoryStream(Encoding.GetEncoding(1252).GetBytes("a;b\r\nNicolò;x\r\n"));

        Assert.Equal(65001, CsvSource.DetectEncoding(utf8).Encoding?.CodePage);
        Assert.Equal(1252, CsvSource.DetectEncoding(ansi).Encoding?.CodePage);
        Assert.Equal(0, ansi.Position);
    }

    /// <summary>More than the reader's 64 KiB chunk of plain ASCII before the first accent.</summary>
    private static string AsciiRows(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"E{i:D6};Mario Rossi;Milano\r\n"));

    [Fact]
    public void Windows_1252_is_recognised_when_its_first_accent_comes_after_64_KiB()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = "id;name;site\r\n" + AsciiRows(4000) + "E999999;José García;Málaga\r\n";
        using var file = new MemoryStream(Encoding.GetEncoding(1252).GetBytes(text));
        Assert.True(file.Length > 100_000);

        Assert.Equal(1252, CsvSource.DetectEncoding(file).Encoding?.CodePage);
    }

    [Fact]
    public void A_utf8_character_cut_by_a_chunk_boundary_is_still_utf8()
    {
        // 'é' is two bytes in UTF-8; padding puts its first byte last in the first 64 KiB chunk.
        var bytes = Encoding.UTF8.GetBytes(new string('a', (64 * 1024) - 1) + "é\r\n");
        Assert.Equal(0xC3, bytes[(64 * 1024) - 1]);
        using var file = new MemoryStream(bytes);

        Assert.Equal(65001, CsvSource.DetectEncoding(file).Encoding?.CodePage);
    }

    [Fact]
    public void A_file_mixing_utf8_and_windows_1252_has_no_encoding_and_names_its_first_bad_line()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.UTF8.GetBytes("id;name\r\nIT1;Nicolò\r\n" + AsciiRows(4000))
            .Concat(Encoding.GetEncoding(1252).GetBytes("IT2;José\r\n")).ToArray();
        using var file = new MemoryStream(bytes);

        var detected = CsvSource.DetectEncoding(file);

        Assert.Null(detected.Encoding);
        Assert.Equal(2 + 4000 + 1, detected.FirstBadLine);
        Assert.Equal(0, file.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Overlong_forms_surrogates_code_points_beyond_unicode_and_truncated_sequences_are_not_utf8(byte[] sequence)
    {
        using var file = new MemoryStream([.. "id\r\n"u8, .. sequence]);

        Assert.NotEqual(65001, CsvSource.DetectEncoding(file).Encoding?.CodePage);
    }
}
