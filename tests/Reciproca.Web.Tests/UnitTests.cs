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

        Assert.Equal(65001, CsvSource.DetectEncoding(utf8).CodePage);
        Assert.Equal(1252, CsvSource.DetectEncoding(ansi).CodePage);
        Assert.Equal(0, ansi.Position);
    }
}
