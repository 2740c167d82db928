using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Infrastructure.Data;

// Import benchmark (issue 2): 100,000 rows of an Italian-style HR export through the real import handler on a
// fresh SQLite file (and PostgreSQL when RECIPROCA_BENCH_POSTGRES is set). Side by side with a baseline that only
// parses the same file with the same CSV reader, so the ratio shows what validation and writing cost. Peak memory
// is sampled at 10,000 and 100,000 rows to show that it does not grow with the file.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var folder = Directory.CreateTempSubdirectory("reciproca-import-bench").FullName;
Console.WriteLine($"Import benchmark: {rows:N0} rows, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var mapping = new Dictionary<string, string>
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

var results = new List<(string Name, double Seconds, string Note)>();
foreach (var size in new[] { rows / 10, rows }.Distinct())
{
    var file = Path.Combine(folder, $"people-{size}.csv");
    WriteExport(file, size);
    var megabytes = new FileInfo(file).Length / 1e6;

    var parse = Time(() => ParseOnly(file));
    results.Add(($"parse only (baseline), {size:N0} rows", parse, $"{megabytes:F1} MB"));

    await using var services = BuildServices($"Data Source={Path.Combine(folder, $"bench-{size}.db")}", postgres: null);
    var (create, created) = await ImportAsync(services, file, mapping, dryRun: false);
    results.Add(($"import into empty SQLite, {size:N0} rows", create, $"{created.Created:N0} created; x{create / parse:F1} baseline"));
    var (again, unchanged) = await ImportAsync(services, file, mapping, dryRun: false);
    results.Add(($"re-import same file (SQLite), {size:N0} rows", again, $"{unchanged.Unchanged:N0} unchanged; x{again / parse:F1} baseline"));
    var (dry, _) = await ImportAsync(services, file, mapping, dryRun: true);
    results.Add(($"dry run (SQLite), {size:N0} rows", dry, $"x{dry / parse:F1} baseline"));
    GC.Collect();
    results.Add(($"peak working set after {size:N0} rows", 0, $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));

    if (Environment.GetEnvironmentVariable("RECIPROCA_BENCH_POSTGRES") is { Length: > 0 } postgres && size == rows)
    {
        var database = $"reciproca_bench_{Guid.NewGuid():N}";
        await using var pg = BuildServices(new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString, postgres: true);
        var (pgCreate, _) = await ImportAsync(pg, file, mapping, dryRun: false);
        results.Add(($"import into empty PostgreSQL, {size:N0} rows", pgCreate, $"x{pgCreate / parse:F1} baseline"));
        await using var scope = pg.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureDeletedAsync();
    }
}

Console.WriteLine();
Console.WriteLine($"{"measure",-48} {"seconds",8}  note");
foreach (var (name, seconds, note) in results)
{
    Console.WriteLine($"{name,-48} {(seconds == 0 ? "" : seconds.ToString("F2", CultureInfo.InvariantCulture)),8}  {note}");
}

var target = results.First(r => r.Name.StartsWith($"import into empty SQLite, {rows:N0}", StringComparison.Ordinal)).Seconds;
Console.WriteLine($"summary: {rows:N0} rows imported in {target:F2} s (goal: under 15 s) -> {(target < 15 ? "met" : "NOT met")}");
Directory.Delete(folder, recursive: true);

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalSeconds;
}

static void ParseOnly(string path)
{
    using var stream = File.OpenRead(path);
    using var csv = CsvSource.Open(stream);
    long characters = 0;
    while (csv.Read())
    {
        foreach (var field in csv.Current.ToArray())
        {
            characters += field.Length;
        }
    }

    GC.KeepAlive(characters);
}

static async Task<(double Seconds, ImportResult Result)> ImportAsync(ServiceProvider services, string path, Dictionary<string, string> mapping, bool dryRun)
{
    await using var scope = services.CreateAsyncScope();
    var handler = scope.ServiceProvider.GetRequiredService<ImportPeopleHandler>();
    await using var stream = File.OpenRead(path);
    var watch = Stopwatch.StartNew();
    var outcome = await handler.HandleAsync(new ImportPeople(stream, mapping, CultureInfo.GetCultureInfo("it-IT"), null, dryRun), CancellationToken.None);
    var seconds = watch.Elapsed.TotalSeconds;
    var result = outcome.Result ?? throw new InvalidOperationException(string.Join("; ", outcome.RequestErrors!.SelectMany(e => e.Value)));
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"The benchmark file was rejected: {result.Errors[0]}");
    }

    return (seconds, result);
}

static ServiceProvider BuildServices(string connectionString, bool? postgres)
{
    var services = new ServiceCollection();
    services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
    services.AddLocalization(o => o.ResourcesPath = "Resources");
    services.AddSingleton(TimeProvider.System);
    if (postgres == true)
    {
        services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
    }
    else
    {
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString));
    }

    services.AddScoped<ImportPeopleHandler>();
    var provider = services.BuildServiceProvider();
    using var scope = provider.CreateScope();
    scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    return provider;
}

// A realistic export: managers first for a tenth of the rows, then reports; accents, quotes, dd/MM/yyyy dates.
static void WriteExport(string path, int count)
{
    string[] given = ["Nicolò", "Anna", "Luca", "Zoë", "Maria Grazia", "Francesco", "Chiara", "Matteo"];
    string[] family = ["Cantù", "Rossi", "D'Angelo", "Pirrò", "Bianchi", "Ferrari", "Esposito", "Colombo"];
    string[] departments = ["\"Vendite; Italia\"", "Produzione", "Qualità", "Sistemi Informativi", "Risorse Umane"];
    var random = new Random(42);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
    writer.Write("Matricola;Nome;Cognome;Email;Data di nascita;Reparto;Mansione;Sede;Responsabile;Data assunzione;Lingue\r\n");
    var managers = Math.Max(1, count / 10);
    for (var i = 1; i <= count; i++)
    {
        var manager = i == 1 ? "" : $"E{random.Next(1, Math.Min(i, managers + 1)):000000}";
        var birth = new DateOnly(random.Next(1950, 2005), random.Next(1, 13), random.Next(1, 29));
        var hire = new DateOnly(random.Next(1990, 2026), random.Next(1, 13), random.Next(1, 29));
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"E{i:000000};{given[i % given.Length]};{family[i % family.Length]};person{i}@example.it;{birth:dd/MM/yyyy};{departments[i % departments.Length]};\"Addetto \"\"{i % 7}\"\"\";Milano;{manager};{hire:dd/MM/yyyy};\"it, en\"\r\n"));
    }
}

