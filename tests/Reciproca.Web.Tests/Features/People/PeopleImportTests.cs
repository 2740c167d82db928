using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The import contract of issue 2, on each database engine.</summary>
public abstract class PeopleImportTests(AppFixture fixture) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> _italianMapping = new()
    {
        ["externalId"] = "Matricola",
        ["givenName"] = "Nome",
        ["familyName"] = "Cognome",
        ["email"] = "Email",
        ["birthDate"] = "Data di nascita",
        ["department"] = "Reparto",
        ["jobTitle"] = "Mansione",
        ["location"] = "Sede",
        ["managerExternalId"] = "Responsabile",
        ["hireDate"] = "Data assunzione",
        ["languages"] = "Lingue",
    };

    protected ReciprocaFactory Factory => fixture.Require();

    public async ValueTask InitializeAsync()
    {
        await Factory.ResetPeopleAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>An Italian export: BOM, semicolons, CRLF, dd/MM/yyyy, accents, quoted fields, a manager listed after the report.</summary>
    public static string ItalianExport(params string[] extraRows)
    {
        var rows = new List<string>
        {
            "Matricola;Nome;Cognome;Email;Data di nascita;Reparto;Mansione;Sede;Responsabile;Data assunzione;Lingue",
            "IT002;Nicolò;Cantù;nicolo.cantu@example.it;07/03/1999;\"Vendite; Italia\";\"Addetta \"\"junior\"\"\";Milano;IT001;01/09/2022;\"it, en\"",
            "IT001;Maria Grazia;D'Angelo;mg.dangelo@example.it;15/11/1961;Direzione;Direttrice generale;Monza;;03/02/1990;it",
            "IT003;Zoë;Pirrò;zoe.pirro@example.it;29/02/1984;\"Vendite; Italia\";Responsabile vendite;Bari;IT001;15/06/2010;it;de",
        };
        rows.AddRange(extraRows);
        return string.Join("\r\n", rows) + "\r\n";
    }

    [Fact]
    public async Task Ibm_export_imports_every_person_with_derived_birth_year_and_generated_name()
    {
        var file = await File.ReadAllBytesAsync(TestEnvironment.SharedDataFile("hr/ibm-hr-attrition.csv"), TestContext.Current.CancellationToken);
        using var client = Factory.CreateApiClient();

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, file, ImportRequest.IbmMapping, ageReferenceDate: "2017-01-01"), HttpStatusCode.OK);

        Assert.Equal((1470, 0, 0, 0), (result.Created, result.Updated, result.Unchanged, result.Rejected));
        Assert.Equal(1470, await ImportRequest.CountAsync(Factory));
        var departments = await Factory.WithDbAsync(db => db.People.GroupBy(p => p.Department).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!, g => g.Count));
        Assert.Equal(961, departments["Research & Development"]);
        Assert.Equal(446, departments["Sales"]);
        Assert.Equal(63, departments["Human Resources"]);
        var first = await ImportRequest.PersonAsync(Factory, "1");
        Assert.Equal(2017 - 41, first.BirthYear);
        Assert.Equal("Sales Executive", first.JobTitle);
        Assert.Equal("Female", first.Gender);
        Assert.Equal("Sales Executive #1", first.DisplayName);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        using var client = Factory.CreateApiClient();
        var file = ImportRequest.Utf8(ItalianExport(), bom: true);
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, file, _italianMapping, culture: "it-IT"), HttpStatusCode.OK);
        var before = await ImportRequest.SnapshotAsync(Factory);
        Factory.Time.Advance(TimeSpan.FromDays(1));

        var again = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, file, _italianMapping, culture: "it-IT"), HttpStatusCode.OK);

        Assert.Equal((0, 0, 3, 0), (again.Created, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(before, await ImportRequest.SnapshotAsync(Factory));
    }

    [Fact]
    public async Task Italian_export_is_read_with_its_dialect_culture_and_manager_references()
    {
        using var client = Factory.CreateApiClient();

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(ItalianExport(), bom: true), _italianMapping, culture: "it-IT"), HttpStatusCode.OK);

        Assert.Equal(3, result.Created);
        var nicolo = await ImportRequest.PersonAsync(Factory, "IT002");
        var director = await ImportRequest.PersonAsync(Factory, "IT001");
        Assert.Equal("Nicolò Cantù", nicolo.DisplayName);
        Assert.Equal("Vendite; Italia", nicolo.Department);
        Assert.Equal("Addetta \"junior\"", nicolo.JobTitle);
        Assert.Equal(1999, nicolo.BirthYear);
        Assert.Equal(new DateOnly(2022, 9, 1), nicolo.HireDate);
        Assert.Equal(["it", "en"], nicolo.Languages);
        Assert.Equal(director.Id, nicolo.ManagerId);
        Assert.Null(director.ManagerId);
        Assert.Equal("Maria Grazia D'Angelo", director.DisplayName);
        Assert.Equal(1984, (await ImportRequest.PersonAsync(Factory, "IT003")).BirthYear);
    }

    [Fact]
    public async Task Windows_1252_export_keeps_its_accents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(ItalianExport());
        using var client = Factory.CreateApiClient();

        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, bytes, _italianMapping, culture: "it-IT"), HttpStatusCode.OK);

        Assert.Equal("Zoë Pirrò", (await ImportRequest.PersonAsync(Factory, "IT003")).DisplayName);
    }

    [Fact]
    public async Task Tab_separated_export_with_lf_endings_and_iso_dates_is_read()
    {
        const string file = "id\tname\tbirth\thired\na1\tAnna Rossi\t1970-05-02\t2001-01-31\na2\tLuca Bianchi\t2001-12-24\t2024-10-01\n";
        using var client = Factory.CreateApiClient();

        var result = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(file),
            new Dictionary<string, string> { ["externalId"] = "id", ["displayName"] = "name", ["birthDate"] = "birth", ["hireDate"] = "hired" }), HttpStatusCode.OK);

        Assert.Equal(2, result.Created);
        Assert.Equal(1970, (await ImportRequest.PersonAsync(Factory, "a1")).BirthYear);
        Assert.Equal(new DateOnly(2024, 10, 1), (await ImportRequest.PersonAsync(Factory, "a2")).HireDate);
    }

    [Fact]
    public async Task Dry_run_reports_the_outcome_and_writes_nothing()
    {
        using var client = Factory.CreateApiClient();

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(ItalianExport()), _italianMapping, dryRun: true, culture: "it-IT"), HttpStatusCode.OK);

        Assert.True(result.DryRun);
        Assert.Equal(3, result.Created);
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task A_changed_row_is_updated_and_unmapped_fields_are_kept()
    {
        using var client = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(ItalianExport()), _italianMapping, culture: "it-IT"), HttpStatusCode.OK);
        var partial = "Matricola,Sede\r\nIT002,Torino\r\nIT001,Monza\r\n";

        var result = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(partial),
            new Dictionary<string, string> { ["externalId"] = "Matricola", ["location"] = "Sede" }), HttpStatusCode.OK);

        Assert.Equal((0, 1, 1), (result.Created, result.Updated, result.Unchanged));
        var nicolo = await ImportRequest.PersonAsync(Factory, "IT002");
        Assert.Equal("Torino", nicolo.Location);
        Assert.Equal("nicolo.cantu@example.it", nicolo.Email);
        Assert.NotNull(nicolo.ManagerId);
    }

    public static TheoryData<string, string, string> BadRows() => new()
    {
        { "missing key", ";Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Matricola" },
        { "duplicate key", "IT003;Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Matricola" },
        { "unparsable date", "IT010;Anna;Rossi;anna@example.it;31/02/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Data di nascita" },
        { "unparsable hire date", "IT010;Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;ieri;it", "Data assunzione" },
        { "manager that resolves nowhere", "IT010;Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT999;01/01/2020;it", "Responsabile" },
        { "own manager", "IT010;Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT010;01/01/2020;it", "Responsabile" },
        { "bad e-mail", "IT010;Anna;Rossi;anna-at-example;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Email" },
        { "birth in the future", "IT010;Anna;Rossi;anna@example.it;01/01/2030;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Data di nascita" },
        { "short row", "IT010;Anna;Rossi", "" },
        { "broken quotes", "IT010;\"Anna\"x;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "" },
        { "too long", $"IT010;{new string('a', 201)};Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it", "Nome" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task A_bad_row_in_the_middle_rejects_the_whole_file_and_leaves_the_database_as_it_was(string problem, string badRow, string column)
    {
        using var client = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(ItalianExport()), _italianMapping, culture: "it-IT"), HttpStatusCode.OK);
        var before = await ImportRequest.SnapshotAsync(Factory);
        // Valid new rows before and after the bad one, and a change to an existing person: none of it may land.
        var file = ItalianExport(
            "IT020;Luca;Verdi;luca.verdi@example.it;02/02/1995;Vendite;Addetto;Bari;IT003;01/01/2021;it",
            badRow,
            "IT021;Sara;Neri;sara.neri@example.it;03/03/1975;Direzione;Assistente;Monza;IT001;01/01/2000;it").Replace("Responsabile vendite", "Direttore vendite", StringComparison.Ordinal);

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(file), _italianMapping, culture: "it-IT"), HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Row);
        Assert.Equal(1, result.Rejected);
        if (column.Length > 0)
        {
            Assert.Equal(column, error.Column);
        }

        Assert.False(string.IsNullOrWhiteSpace(error.Message), problem);
        Assert.Equal(before, await ImportRequest.SnapshotAsync(Factory));
    }

    [Fact]
    public async Task Every_error_is_listed_not_only_the_first()
    {
        using var client = Factory.CreateApiClient();
        var file = ItalianExport(
            ";Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it",
            "IT030;Anna;Rossi;nope;99/99/1980;Vendite;Addetta;Milano;IT404;01/01/2020;it");

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(file), _italianMapping, culture: "it-IT"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(2, result.Rejected);
        Assert.Equal([5, 6, 6], result.Errors.Select(e => e.Row).Take(3));
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Column == "Email");
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Column == "Data di nascita");
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task A_reporting_line_that_loops_through_the_directory_is_rejected()
    {
        using var client = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(ItalianExport()), _italianMapping, culture: "it-IT"), HttpStatusCode.OK);
        // IT001 now reports to IT003, who reports to IT001 in the directory.
        var file = "Matricola;Responsabile\r\nIT001;IT003\r\n";

        var result = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(file),
            new Dictionary<string, string> { ["externalId"] = "Matricola", ["managerExternalId"] = "Responsabile" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Responsabile", Assert.Single(result.Errors).Column);
    }

    public static TheoryData<string, string> BadMappings() => new()
    {
        { "{\"externalId\":\"Nope\"}", "externalId" },
        { "{\"shoeSize\":\"Matricola\",\"externalId\":\"Matricola\"}", "shoeSize" },
        { "{\"email\":\"Email\"}", "externalId" },
        { "{\"externalId\":\"Matricola\",\"birthDate\":\"Data di nascita\",\"age\":\"Nome\"}", "age" },
        { "not json", "mapping" },
    };

    [Theory]
    [MemberData(nameof(BadMappings))]
    public async Task A_bad_mapping_is_a_validation_problem_naming_the_field(string mapping, string field)
    {
        using var client = Factory.CreateApiClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ImportRequest.Utf8(ItalianExport())), "file", "people.csv" },
            { new StringContent(mapping), "mapping" },
        };

        var response = await client.PostAsync("/api/v1/people/import", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task Missing_file_and_unknown_culture_are_validation_problems()
    {
        using var client = Factory.CreateApiClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("{\"externalId\":\"id\"}"), "mapping" },
            { new StringContent("xx-NOPE"), "culture" },
        };

        var response = await client.PostAsync("/api/v1/people/import", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"file\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"culture\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_written_in_the_callers_language()
    {
        using var client = Factory.CreateApiClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it-IT");
        var file = ItalianExport(";Anna;Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it");

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(file), _italianMapping, culture: "it-IT"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("La matricola è vuota.", Assert.Single(result.Errors).Message);
    }

    /// <summary>More than 64 KiB of plain ASCII rows: the point after which a sample-based sniff stopped looking.</summary>
    private static string AsciiRows(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"E{i:D6};Mario;Rossi;mario.rossi{i}@example.it;01/01/1980;Vendite;Addetto;Milano;;01/01/2020;it\r\n"));

    [Fact]
    public async Task Windows_1252_accents_after_the_first_64_KiB_are_read_as_windows_1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = ItalianExport().Replace("IT002;Nicolò;Cantù", "IT002;Nicolo;Cantu", StringComparison.Ordinal).Replace("Zoë;Pirrò", "Zoe;Pirro", StringComparison.Ordinal)
            + AsciiRows(1000) + "E999999;José;García;jose.garcia@example.it;02/02/1990;Vendite;Addetto;Málaga;;01/01/2020;es\r\n";
        var bytes = Encoding.GetEncoding(1252).GetBytes(text);
        Assert.True(bytes.AsSpan(0, 64 * 1024).IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0, "The first 64 KiB must be ASCII.");
        using var client = Factory.CreateApiClient();

        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, bytes, _italianMapping, culture: "it-IT"), HttpStatusCode.OK);

        var jose = await ImportRequest.PersonAsync(Factory, "E999999");
        Assert.Equal("José García", jose.DisplayName);
        Assert.Equal("Málaga", jose.Location);
    }

    [Fact]
    public async Task A_file_mixing_utf8_and_windows_1252_is_refused_naming_its_first_bad_line()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.UTF8.GetBytes(ItalianExport() + AsciiRows(1000))
            .Concat(Encoding.GetEncoding(1252).GetBytes("E999999;José;García;jose.garcia@example.it;02/02/1990;Vendite;Addetto;Málaga;;01/01/2020;es\r\n")).ToArray();
        using var client = Factory.CreateApiClient();

        var response = await ImportRequest.PostAsync(client, bytes, _italianMapping, culture: "it-IT");

        var errors = await ValidationErrorsAsync(response);
        Assert.Contains("line 1005", Assert.Single(errors["file"]), StringComparison.Ordinal);
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task Two_columns_with_the_same_header_are_refused_naming_both()
    {
        using var client = Factory.CreateApiClient();
        var file = "Matricola;Nome;Cognome;nome\r\nIT1;Anna;Rossi;Annamaria\r\n";

        var response = await ImportRequest.PostAsync(client, ImportRequest.Utf8(file), new Dictionary<string, string> { ["externalId"] = "Matricola", ["givenName"] = "Nome" });

        var message = Assert.Single((await ValidationErrorsAsync(response))["file"]);
        Assert.Contains("Columns 2 and 4", message, StringComparison.Ordinal);
        Assert.Contains("'nome'", message, StringComparison.Ordinal);
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    public static TheoryData<string, string> ControlCharacters() => new()
    {
        { "NUL", "Ann\0a" },
        { "escape", "\u001B[2JAnna" },
        { "DEL", "Anna\u007F" },
        { "bidi override", "Anna \u202Eassor" },
        { "tab in a quoted field", "\"An\tna\"" },
        { "line break in a quoted field", "\"An\r\nna\"" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_control_character_in_a_name_rejects_the_row_naming_the_column(string problem, string name)
    {
        using var client = Factory.CreateApiClient();
        var file = ItalianExport($"IT010;{name};Rossi;anna@example.it;01/01/1980;Vendite;Addetta;Milano;IT001;01/01/2020;it");

        var result = await ImportRequest.ReadResultAsync(
            await ImportRequest.PostAsync(client, ImportRequest.Utf8(file), _italianMapping, culture: "it-IT"), HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Nome", error.Column);
        Assert.True(error.Message.Contains("U+", StringComparison.Ordinal), $"{problem}: {error.Message}");
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task More_languages_than_a_person_speaks_reject_the_row()
    {
        using var client = Factory.CreateApiClient();
        var file = "id;lingue\r\nIT1;" + string.Join(",", Enumerable.Range(1, 21).Select(i => $"l{i}")) + "\r\n";

        var result = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(file),
            new Dictionary<string, string> { ["externalId"] = "id", ["languages"] = "lingue" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("lingue", Assert.Single(result.Errors).Column);
    }

    /// <summary>50 MB: five times the default <c>Import:MaxFileBytes</c>.</summary>
    private static byte[] FiftyMegabytes() => Encoding.ASCII.GetBytes("id\r\n" + new string('1', 50 * 1024 * 1024));

    [Fact]
    public async Task A_50_MB_upload_is_refused_with_413_naming_the_limit_before_it_is_read()
    {
        using var client = Factory.CreateApiClient();

        var response = await ImportRequest.PostAsync(client, FiftyMegabytes(), new Dictionary<string, string> { ["externalId"] = "id" });

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task A_chunked_upload_without_a_length_is_stopped_at_the_limit_with_413()
    {
        using var client = Factory.CreateApiClient();
        using var file = new StreamContent(new ForwardOnlyStream(FiftyMegabytes()));
        using var form = new MultipartFormDataContent
        {
            { file, "file", "people.csv" },
            { new StringContent("{\"externalId\":\"id\"}"), "mapping" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people/import") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertTooLargeAsync(response);
    }

    private async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("10 MB", body, StringComparison.Ordinal);
        Assert.Equal(0, await ImportRequest.CountAsync(Factory));
    }

    /// <summary>A body whose length the client cannot know in advance, as a streaming upload sends it.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        using var document = System.Text.Json.JsonDocument.Parse(body);
        return document.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(ImportRequest.Json)!;
    }

    [Fact]
    public async Task A_person_without_names_gets_a_readable_generated_name()
    {
        using var client = Factory.CreateApiClient();
        var file = "id,dept\r\n77,Logistica\r\n78,\r\n";

        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(file),
            new Dictionary<string, string> { ["externalId"] = "id", ["department"] = "dept" }), HttpStatusCode.OK);

        Assert.Equal("Logistica #77", (await ImportRequest.PersonAsync(Factory, "77")).DisplayName);
        Assert.Equal("Person #78", (await ImportRequest.PersonAsync(Factory, "78")).DisplayName);
    }
}

[Collection("sqlite")]
public sealed class PeopleImportSqliteTests(SqliteAppFixture fixture) : PeopleImportTests(fixture), IClassFixture<SqliteAppFixture>;

[Collection("postgres")]
public sealed class PeopleImportPostgresTests(PostgresAppFixture fixture) : PeopleImportTests(fixture), IClassFixture<PostgresAppFixture>;
