using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.Web.Tests;

/// <summary>The import wizard's uploads on disk: private to the service account, gone after use or after a day.</summary>
public sealed class ImportUploadStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reciproca-upload-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly ImportUploadStore _store;

    public ImportUploadStoreTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:UploadFolder"] = _folder }).Build();
        _store = new ImportUploadStore(configuration, _time);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_upload_and_its_folder_are_readable_by_the_service_account_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        // A folder that exists already with wide rights (an older version, a shared temp folder) is tightened.
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);

        await SaveAsync("anagrafica.csv");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        var files = Directory.GetFiles(_folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task An_upload_expires_after_a_day_and_the_purge_deletes_it_without_another_upload()
    {
        var owner = Guid.NewGuid();
        var kept = await SaveAsync("nuovo.csv", owner);
        _time.Advance(TimeSpan.FromHours(12));
        var later = await SaveAsync("dopo.csv", owner);
        _time.Advance(TimeSpan.FromHours(12));

        Assert.Null(_store.Find(kept.Id, owner));
        Assert.NotNull(_store.Find(later.Id, owner));
        Assert.Equal(1, _store.DeleteExpired());
        Assert.Equal(2, Directory.GetFiles(_folder).Length);

        _time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(1, _store.DeleteExpired());
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_file_without_its_record_goes_by_its_own_date_and_a_used_upload_is_deleted()
    {
        var owner = Guid.NewGuid();
        var used = await SaveAsync("usato.csv", owner);
        var orphan = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(orphan, "Matricola\n1\n", Cancel);
        File.SetLastWriteTimeUtc(orphan, _time.GetUtcNow().UtcDateTime.AddDays(-2));

        _store.Delete(used.Id);

        Assert.Null(_store.Find(used.Id, owner));
        Assert.Equal(1, _store.DeleteExpired());
        Assert.Empty(Directory.GetFiles(_folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<ImportUploadStore.Upload> SaveAsync(string name, Guid? owner = null)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("Matricola;Nome\nE1;Anna\n"));
        return await _store.SaveAsync(owner ?? Guid.NewGuid(), name, content, Cancel);
    }
}
