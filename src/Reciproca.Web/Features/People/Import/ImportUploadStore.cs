using System.Text.Json;
using Reciproca.Web.Infrastructure.Files;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Keeps a wizard's uploaded file between its steps (upload, map, check, import) so the user uploads once.
/// Files are private to the user who uploaded them, readable on disk by the service account only
/// (<see cref="PrivateFiles"/>), deleted by the import that uses them and otherwise after a day (at the next upload
/// and by the hourly purge of <see cref="IExpiringFiles"/>). They live on the instance's disk: behind a load balancer
/// the wizard needs sticky sessions (ADR 0004).
/// </summary>
public sealed class ImportUploadStore(IConfiguration configuration, TimeProvider time) : IExpiringFiles
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private const string DataExtension = ".csv";
    private const string MetaExtension = ".json";

    private readonly string _folder = configuration["Import:UploadFolder"] is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "reciproca-uploads");

    public sealed record Upload(Guid Id, Guid OwnerId, string FileName, DateTime UploadedUtc);

    public string Folder => _folder;

    public async Task<Upload> SaveAsync(Guid ownerId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        PrivateFiles.EnsureFolder(_folder);
        DeleteExpired();
        var upload = new Upload(Guid.CreateVersion7(), ownerId, Path.GetFileName(fileName), time.GetUtcNow().UtcDateTime);
        await using (var file = PrivateFiles.Create(DataPath(upload.Id)))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        await using (var meta = PrivateFiles.Create(MetaPath(upload.Id)))
        {
            await JsonSerializer.SerializeAsync(meta, upload, cancellationToken: cancellationToken);
        }

        return upload;
    }

    /// <summary>The upload, if it exists, has not expired and belongs to <paramref name="ownerId"/>.</summary>
    public Upload? Find(Guid id, Guid ownerId)
    {
        var upload = Read(MetaPath(id));
        return upload is not null && upload.OwnerId == ownerId && File.Exists(DataPath(id)) && !Expired(upload) ? upload : null;
    }

    public Stream Open(Upload upload) => File.OpenRead(DataPath(upload.Id));

    public void Delete(Guid id)
    {
        File.Delete(DataPath(id));
        File.Delete(MetaPath(id));
    }

    /// <summary>
    /// Deletes the uploads older than <see cref="Lifetime"/> by the time recorded at upload, and files without a
    /// readable record (a crash between the two writes) by their own date.
    /// </summary>
    public int DeleteExpired()
    {
        if (!Directory.Exists(_folder))
        {
            return 0;
        }

        var deleted = 0;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var file in Directory.GetFiles(_folder))
        {
            if (!File.Exists(file))
            {
                // Went with its pair earlier in this pass.
                continue;
            }

            var meta = Path.ChangeExtension(file, MetaExtension);
            var expired = Path.GetExtension(file) switch
            {
                MetaExtension or DataExtension when File.Exists(meta) => Read(meta) is not { } upload || Expired(upload),
                DataExtension => File.GetLastWriteTimeUtc(file) < now - Lifetime,
                _ => false,
            };
            if (expired)
            {
                // The data file first: a record without its file is never offered (Find checks both).
                File.Delete(Path.ChangeExtension(file, DataExtension));
                File.Delete(meta);
                deleted++;
            }
        }

        return deleted;
    }

    private bool Expired(Upload upload) => time.GetUtcNow().UtcDateTime - upload.UploadedUtc >= Lifetime;

    private static Upload? Read(string metaPath)
    {
        try
        {
            return File.Exists(metaPath) ? JsonSerializer.Deserialize<Upload>(File.ReadAllText(metaPath)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string DataPath(Guid id) => Path.Combine(_folder, $"{id:N}{DataExtension}");

    private string MetaPath(Guid id) => Path.Combine(_folder, $"{id:N}{MetaExtension}");
}
