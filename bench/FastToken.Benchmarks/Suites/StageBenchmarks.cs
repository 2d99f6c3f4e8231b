using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// Where the time of one valid HS256 validation goes: each stage of the work done alone,
/// with the same platform calls, beside the whole. The stages sum to a little less than the
/// whole; the difference is FastToken's own bookkeeping (pooling, the claim table, the rules).
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private static readonly SearchValues<byte> s_alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    private TokenFixture _fixture = null!;
    private JwtValidator _validator = null!;
    private CryptoFloor _floor = null!;
    private string _token = null!;
    private byte[] _tokenBytes = null!;
    private byte[] _headerSegment = null!;
    private byte[] _payloadSegment = null!;
    private byte[] _header = null!;
    private byte[] _payload = null!;
    private byte[] _buffer = null!;

    [ParamsAllValues]
    public TokenShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TokenFixture(JwtAlgorithm.HS256, Shape);
        _validator = SuiteSetup.CreateValidator(_fixture.KeySet, JwtAlgorithm.HS256);
        _floor = new CryptoFloor(_fixture);
        _token = _fixture.ValidToken;
        _tokenBytes = Encoding.ASCII.GetBytes(_token);
        string[] parts = _token.Split('.');
        _headerSegment = Encoding.ASCII.GetBytes(parts[0]);
        _payloadSegment = Encoding.ASCII.GetBytes(parts[1]);
        _header = Base64Url.DecodeFromUtf8(_headerSegment);
        _payload = Base64Url.DecodeFromUtf8(_payloadSegment);
        _buffer = new byte[4 * _token.Length];
        SuiteSetup.Expect(_validator, _token, TokenStatus.Valid);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _floor.Dispose();
        _fixture.Dispose();
    }

    /// <summary>The characters a host hands over, narrowed to bytes.</summary>
    [Benchmark]
    public OperationStatus Transcode() => Ascii.FromUtf16(_token, _buffer, out _);

    /// <summary>One vectorized scan for bytes outside the compact alphabet.</summary>
    [Benchmark]
    public int AlphabetScan() => _tokenBytes.AsSpan().IndexOfAnyExcept(s_alphabet);

    /// <summary>Header and payload from base64url.</summary>
    [Benchmark]
    public int Base64Decode()
    {
        Base64Url.DecodeFromUtf8(_headerSegment, _buffer, out _, out int header);
        Base64Url.DecodeFromUtf8(_payloadSegment, _buffer.AsSpan(header), out _, out int payload);
        return header + payload;
    }

    /// <summary>Header and payload checked as UTF-8.</summary>
    [Benchmark]
    public bool Utf8Check() => Utf8.IsValid(_header) && Utf8.IsValid(_payload);

    /// <summary>
    /// Every JSON token of the header, read once by <see cref="Utf8JsonReader"/>: what a general
    /// reader costs, for reference (FastToken reads the header with its own scan).
    /// </summary>
    [Benchmark]
    public int HeaderRead() => ReadAll(_header);

    /// <summary>The MAC over the signing input: the crypto floor.</summary>
    [Benchmark]
    public bool Hmac() => _floor.Verify();

    /// <summary>
    /// Every JSON token of the payload, read once by <see cref="Utf8JsonReader"/>: what a general
    /// reader costs, for reference (FastToken reads the claims set with its own scan).
    /// </summary>
    [Benchmark]
    public int PayloadRead() => ReadAll(_payload);

    /// <summary>The current time, for the lifetime rules.</summary>
    [Benchmark]
    public long Clock() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The whole validation from bytes.</summary>
    [Benchmark]
    public TokenStatus WholeFromBytes()
    {
        using JwtValidationResult result = _validator.Validate(_tokenBytes.AsSpan());
        return result.Status;
    }

    /// <summary>The whole validation from characters.</summary>
    [Benchmark]
    public TokenStatus WholeFromChars()
    {
        using JwtValidationResult result = _validator.Validate(_token.AsSpan());
        return result.Status;
    }

    private static int ReadAll(ReadOnlySpan<byte> json)
    {
        Utf8JsonReader reader = new(json);
        int count = 0;
        while (reader.Read())
        {
            count += reader.ValueSpan.Length;
        }

        return count;
    }
}
