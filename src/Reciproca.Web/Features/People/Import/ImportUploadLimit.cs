using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Features.People.Import;

public enum UploadReading
{
    Read,
    TooLarge,
    Malformed,
}

/// <summary>
/// Reads an upload's form within <see cref="ImportOptions.MaxRequestBytes"/>, whatever the server: a declared length
/// over the limit is refused unread; a body without one (chunked) is counted as it is read and stopped at the limit;
/// a file over <see cref="ImportOptions.MaxFileBytes"/> is refused once read. Kestrel enforces the same limit for
/// every request, but a test host or a proxy in front may not, so the import does not rely on it.
/// </summary>
public static class ImportUploadLimit
{
    public static async Task<UploadReading> ReadFormAsync(HttpRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxRequestBytes)
        {
            return UploadReading.TooLarge;
        }

        var body = request.Body;
        request.Body = new CountingStream(body, options.MaxRequestBytes);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.Files.Any(f => f.Length > options.MaxFileBytes) ? UploadReading.TooLarge : UploadReading.Read;
        }
        catch (UploadTooLargeException)
        {
            return UploadReading.TooLarge;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadReading.TooLarge;
        }
        catch (InvalidDataException)
        {
            // A multipart body with broken framing, or more parts or longer headers than the form options allow.
            return UploadReading.Malformed;
        }
        finally
        {
            request.Body = body;
        }
    }

    private sealed class UploadTooLargeException() : IOException("The upload is larger than Import:MaxFileBytes allows.");

    /// <summary>Reads through to the request body and throws once more than the limit has come through.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new UploadTooLargeException() : read;
        }
    }
}

/// <summary>
/// The import page's upload within the same limit as the API's. Runs before antiforgery and model binding (which would
/// otherwise read the body first and turn a too-large upload into a vague "choose a file"): a too-large upload gets
/// 413 and the status page, which names the limit; a malformed form is left empty, so the antiforgery check refuses it.
/// </summary>
public sealed class ImportUploadLimitFilter(IOptions<ImportOptions> options) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return;
        }

        var reading = await ImportUploadLimit.ReadFormAsync(http.Request, options.Value, http.RequestAborted);
        if (reading == UploadReading.Read)
        {
            return;
        }

        // The rest of the body stays unread: the status page (re-executed on this request) must not try to read it.
        http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        if (reading == UploadReading.TooLarge)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
