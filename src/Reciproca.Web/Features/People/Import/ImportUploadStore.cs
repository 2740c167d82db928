using System.Text.Json;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Keeps a wizard's uploaded file between its steps (upload, map, check, import) so the user uploads once.
/// Files are private to the user who uploaded them and expire after a day. They live on the instance's disk:
/// behind a load balancer the wizard needs sticky sessions (ADR 0004).
/// </summary>
public sealed class ImportUploadStore(IConfiguration configuration, TimeProvider time)
{
    private static readonly TimeSpan _lifetime = TimeSpan.FromDays(1);
    private readonly string _folder = configuration["Import:UploadFolder"] is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "reciproca-uploads");

    public sealed record Upload(Guid Id, Guid OwnerId, string FileName, DateTime UploadedUtc);

    public async Task<Upload> SaveAsync(Guid ownerId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        RemoveExpired();
        var upload = new Upload(Guid.CreateVersion7(), ownerId, Path.GetFileName(fileName), time.GetUtcNow().UtcDateTime);
        await using (var file = File.Create(DataPath(upload.Id)))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        await File.WriteAllTextAsync(MetaPath(upload.Id), JsonSerializer.Serialize(upload), cancellationToken);
        return upload;
    }

    /// <summary>The upload, if it exists, has not expired and belongs to <paramref name="ownerId"/>.</summary>
    public Upload? Find(Guid id, Guid ownerId)
    {
        var meta = MetaPath(id);
        if (!File.Exists(meta) || !File.Exists(DataPath(id)))
        {
            return null;
        }

        var upload = JsonSerializer.Deserialize<Upload>(File.ReadAllText(meta));
        return upload is not null && upload.OwnerId == ownerId && time.GetUtcNow().UtcDateTime - upload.UploadedUtc < _lifetime ? upload : null;
    }

    public Stream Open(Upload upload) => File.OpenRead(DataPath(upload.Id));

    public void Delete(Guid id)
    {
        File.Delete(DataPath(id));
        File.Delete(MetaPath(id));
    }

    private void RemoveExpired()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - _lifetime;
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
            }
        }
    }

    private string DataPath(Guid id) => Path.Combine(_folder, $"{id:N}.csv");

    private string MetaPath(Guid id) => Path.Combine(_folder, $"{id:N}.json");
}
