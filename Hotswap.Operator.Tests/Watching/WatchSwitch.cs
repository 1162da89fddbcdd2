using System.Net;

namespace Hotswap.Operator.Tests.Watching;

/// <summary>
/// Sits in KubernetesClient's HTTP pipeline and cuts watches: <see cref="Drop"/> breaks every open
/// watch stream as a lost connection does (the next read fails), and while <see cref="Offline"/>
/// every new watch request fails to connect. Other requests pass untouched.
/// </summary>
public sealed class WatchSwitch : DelegatingHandler
{
    private readonly List<CancellationTokenSource> open = [];

    public volatile bool Offline;

    /// <summary>Watch requests sent so far.</summary>
    public int Watches;

    public void Drop()
    {
        lock (open)
        {
            foreach (var c in open) c.Cancel();
            open.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri?.Query ?? "";
        if (!query.Contains("watch=true", StringComparison.OrdinalIgnoreCase)) return await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref Watches);
        if (Offline) throw new HttpRequestException("connection refused (WatchSwitch is offline)");
        var cut = new CancellationTokenSource();
        lock (open) open.Add(cut);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) return response;
        var body = new CuttableStream(await response.Content.ReadAsStreamAsync(cancellationToken), cut.Token);
        var content = new StreamContent(body);
        foreach (var h in response.Content.Headers) content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        response.Content = content;
        return response;
    }

    private sealed class CuttableStream(Stream inner, CancellationToken cut) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cut, cancellationToken);
            try
            {
                return await inner.ReadAsync(buffer, both.Token);
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested)
            {
                throw new IOException("the connection was reset (WatchSwitch dropped it)");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
