using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FastToken.Opaque;
using FastToken.Testing;
using FastToken.Tests.Support;

namespace FastToken.Tests.Opaque;

[Collection(AllocationCollection.Name)]
public sealed class InMemoryReferenceTokenStoreTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(TestTokens.Now);

    private readonly FixedTimeProvider _clock = new(s_now);

    [Fact]
    public void Issued_token_validates_until_revoked_then_is_unknown()
    {
        InMemoryReferenceTokenStore store = Store();
        ReferenceTokenEntry entry = Entry("alice", s_now.AddHours(1), ["orders.read"], ("client_id", "web"));
        string token = store.Issue(entry);

        OpaqueTokenResult fromChars = store.Validate(token);
        OpaqueTokenResult fromBytes = store.Validate(Encoding.ASCII.GetBytes(token));

        Assert.Equal(TokenStatus.Valid, fromChars.Status);
        Assert.True(fromChars.IsValid);
        Assert.Same(entry, fromChars.Entry);
        Assert.Equal("alice", fromChars.Subject);
        Assert.Equal(["orders.read"], fromChars.Scopes);
        Assert.Equal(s_now.AddHours(1), fromChars.ExpiresAt);
        Assert.Equal("web", fromChars.Claims["client_id"]);
        Assert.Same(entry, fromBytes.Entry);

        Assert.True(store.Revoke(token));

        Assert.Equal(TokenStatus.UnknownToken, store.Validate(token).Status);
        Assert.Equal(TokenStatus.UnknownToken, store.Validate(Encoding.ASCII.GetBytes(token)).Status);
        Assert.False(store.Revoke(token));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Issued_tokens_are_256_random_bits_in_base64url()
    {
        InMemoryReferenceTokenStore store = Store();
        HashSet<string> tokens = [];
        for (int i = 0; i < 100; i++)
        {
            string token = store.Issue(Entry("alice", s_now.AddHours(1)));

            Assert.Equal(43, token.Length);
            Assert.Equal(32, Base64Url.DecodeFromChars(token).Length);
            Assert.True(tokens.Add(token));
        }

        Assert.Equal(100, store.Count);
    }

    [Fact]
    public void Store_exposes_only_the_sha256_of_each_token()
    {
        InMemoryReferenceTokenStore store = Store();
        string token = store.Issue(Entry("alice", s_now.AddHours(1)));
        byte[] expected = SHA256.HashData(Encoding.ASCII.GetBytes(token));

        KeyValuePair<ReferenceTokenHash, ReferenceTokenEntry> stored = Assert.Single(store.Entries);

        byte[] hash = new byte[ReferenceTokenHash.Size];
        stored.Key.CopyTo(hash);
        Assert.Equal(expected, hash);
        Assert.Equal(Base64Url.EncodeToString(expected), stored.Key.ToString());
        Assert.NotEqual(token, stored.Key.ToString());
        Assert.Equal(ReferenceTokenHash.Compute(token), stored.Key);
    }

    [Fact]
    public void Token_differing_in_any_one_character_is_unknown()
    {
        InMemoryReferenceTokenStore store = Store();
        string token = store.Issue(Entry("alice", s_now.AddHours(1)));

        for (int i = 0; i < token.Length; i++)
        {
            char[] changed = token.ToCharArray();
            changed[i] = changed[i] == 'A' ? 'B' : 'A';

            Assert.Equal(TokenStatus.UnknownToken, store.Validate(changed).Status);
            Assert.Equal(TokenStatus.UnknownToken, store.Validate(Encoding.ASCII.GetBytes(changed)).Status);
        }

        Assert.Equal(TokenStatus.UnknownToken, store.Validate(token.AsSpan(0, token.Length - 1)).Status);
        Assert.Equal(TokenStatus.UnknownToken, store.Validate(token + "A").Status);
        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);
    }

    [Fact]
    public void Expiry_follows_the_injected_clock_with_skew()
    {
        InMemoryReferenceTokenStore store = Store(skew: TimeSpan.FromSeconds(30));
        string token = store.Issue(Entry("alice", s_now.AddMinutes(5)));

        _clock.Now = s_now.AddMinutes(5).AddSeconds(29);
        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);

        // RFC 7519 4.1.4 by analogy: at exp (plus skew) the token has expired.
        _clock.Now = s_now.AddMinutes(5).AddSeconds(30);
        Assert.Equal(TokenStatus.Expired, store.Validate(token).Status);
        Assert.Equal(TokenStatus.Expired, store.Validate(Encoding.ASCII.GetBytes(token)).Status);
    }

    [Fact]
    public void Expiry_without_skew_is_exact()
    {
        InMemoryReferenceTokenStore store = Store();
        string token = store.Issue(Entry("alice", s_now.AddSeconds(10)));

        _clock.Now = s_now.AddSeconds(10).AddTicks(-1);
        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);

        _clock.Now = s_now.AddSeconds(10);
        Assert.Equal(TokenStatus.Expired, store.Validate(token).Status);
    }

    [Fact]
    public void Expiry_at_the_end_of_time_does_not_overflow()
    {
        InMemoryReferenceTokenStore store = Store(skew: TimeSpan.FromDays(1));
        string token = store.Issue(Entry("alice", DateTimeOffset.MaxValue));

        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);
        Assert.Equal(0, store.Purge());
    }

    [Fact]
    public void Purge_removes_only_expired_entries_which_then_are_unknown()
    {
        InMemoryReferenceTokenStore store = Store();
        string shortLived = store.Issue(Entry("alice", s_now.AddMinutes(1)));
        string longLived = store.Issue(Entry("bob", s_now.AddHours(1)));

        _clock.Now = s_now.AddMinutes(2);
        Assert.Equal(TokenStatus.Expired, store.Validate(shortLived).Status);

        Assert.Equal(1, store.Purge());

        Assert.Equal(1, store.Count);
        Assert.Equal(TokenStatus.UnknownToken, store.Validate(shortLived).Status);
        Assert.Equal(TokenStatus.Valid, store.Validate(longLived).Status);
        Assert.Equal(0, store.Purge());
    }

    [Fact]
    public void Full_store_purges_expired_entries_before_refusing_more()
    {
        InMemoryReferenceTokenStore store = Store(maxEntries: 3);
        store.Issue(Entry("a", s_now.AddMinutes(1)));
        store.Issue(Entry("b", s_now.AddHours(1)));
        store.Issue(Entry("c", s_now.AddHours(1)));

        Assert.Throws<InvalidOperationException>(() => store.Issue(Entry("d", s_now.AddHours(1))));
        Assert.Equal(3, store.Count);

        _clock.Now = s_now.AddMinutes(2);
        string token = store.Issue(Entry("d", s_now.AddHours(1)));

        Assert.Equal(3, store.Count);
        Assert.Equal("d", store.Validate(token).Subject);
    }

    [Fact]
    public void Revoke_by_hash_read_back_from_text()
    {
        InMemoryReferenceTokenStore store = Store();
        string token = store.Issue(Entry("alice", s_now.AddHours(1)));
        string logged = ReferenceTokenHash.Compute(token).ToString();

        Assert.True(store.Revoke(ReferenceTokenHash.FromBytes(Base64Url.DecodeFromChars(logged))));

        Assert.Equal(TokenStatus.UnknownToken, store.Validate(token).Status);
    }

    [Fact]
    public void Add_stores_a_token_issued_elsewhere_and_returns_its_hash()
    {
        InMemoryReferenceTokenStore store = Store();
        const string token = "abcdefghijklmnopqrstuvwxyz0123456789-._~+/==";

        ReferenceTokenHash hash = store.Add(token, Entry("alice", s_now.AddHours(1)));

        Assert.Equal(ReferenceTokenHash.Compute(token), hash);
        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);
        Assert.Throws<InvalidOperationException>(() => store.Add(token, Entry("mallory", s_now.AddHours(1))));
        Assert.Equal("alice", store.Validate(token).Subject);
    }

    [Theory]
    [InlineData("short-token")]
    [InlineData("abcdefghijklmnopqrstuvwxyz with space")]
    [InlineData("abcdefghijklmnopqrstuvwxyz=0123")]
    [InlineData("abcdefghijklmnopqrstuvwxyzé")]
    public void Add_refuses_tokens_that_could_never_validate_or_are_guessable(string token)
    {
        InMemoryReferenceTokenStore store = Store();

        Assert.Throws<ArgumentException>(() => store.Add(token, Entry("alice", s_now.AddHours(1))));
        Assert.Equal(0, store.Count);
    }

    [Theory]
    [InlineData("", TokenStatus.Malformed)]
    [InlineData("====", TokenStatus.Malformed)]
    [InlineData("abc def", TokenStatus.Malformed)]
    [InlineData(" abcdef", TokenStatus.Malformed)]
    [InlineData("abcdef\n", TokenStatus.Malformed)]
    [InlineData("abc=def", TokenStatus.Malformed)]
    [InlineData("abc%3D", TokenStatus.Malformed)]
    [InlineData("abc\"def", TokenStatus.Malformed)]
    [InlineData("abc,def", TokenStatus.Malformed)]
    [InlineData("abcdé", TokenStatus.Malformed)]
    [InlineData("abc\0", TokenStatus.Malformed)]
    [InlineData("abc==", TokenStatus.UnknownToken)]
    [InlineData("a-b.c_d~e+f/g", TokenStatus.UnknownToken)]
    public void Characters_outside_the_b64token_alphabet_are_malformed(string token, TokenStatus expected)
    {
        InMemoryReferenceTokenStore store = Store();

        Assert.Equal(expected, store.Validate(token).Status);
        Assert.Equal(expected, store.Validate(Encoding.UTF8.GetBytes(token)).Status);
    }

    [Fact]
    public void Token_longer_than_the_bound_is_too_large()
    {
        InMemoryReferenceTokenStore store = Store();
        string atBound = new('a', 512);
        string overBound = new('a', 513);

        Assert.Equal(TokenStatus.UnknownToken, store.Validate(atBound).Status);
        Assert.Equal(TokenStatus.TooLarge, store.Validate(overBound).Status);
        Assert.Equal(TokenStatus.TooLarge, store.Validate(Encoding.ASCII.GetBytes(overBound)).Status);
        Assert.Equal(TokenStatus.TooLarge, store.Validate(new string('!', 513)).Status);
    }

    [Fact]
    public void Long_token_above_the_stack_limit_validates()
    {
        InMemoryReferenceTokenStore store = Store();
        string token = new string('x', 400) + "yz";
        store.Add(token, Entry("alice", s_now.AddHours(1)));

        Assert.Equal(TokenStatus.Valid, store.Validate(token).Status);
        Assert.Equal(TokenStatus.UnknownToken, store.Validate(new string('x', 402)).Status);
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        InMemoryReferenceTokenStore store = Store();
        string valid = store.Issue(Entry("alice", s_now.AddHours(1), ["orders.read"], ("tenant", "contoso")));
        string expired = store.Issue(Entry("bob", s_now.AddSeconds(-1)));
        string longToken = new string('x', 400) + "yz";
        store.Add(longToken, Entry("carol", s_now.AddHours(1)));
        byte[] validBytes = Encoding.ASCII.GetBytes(valid);
        string unknown = Convert.ToBase64String(new byte[32]);
        string[] refused = [unknown, expired, "bad token", new string('a', 600), ""];
        int checksum = 0;

        long bytes = Allocations.Measure(() =>
        {
            OpaqueTokenResult result = store.Validate(valid);
            checksum += result.Subject.Length + result.Scopes.Count;
            checksum += result.Entry.TryGetClaim("tenant", out string? tenant) ? tenant.Length : 0;
            checksum += result.Entry.HasScope("orders.read") ? 1 : 0;
            checksum += store.Validate(validBytes).IsValid ? 1 : 0;
            checksum += store.Validate(longToken).IsValid ? 1 : 0;
            foreach (string token in refused)
            {
                checksum += (int)store.Validate(token).Status;
            }
        });

        Assert.Equal(0, bytes);
        Assert.NotEqual(0, checksum);
    }

    [Fact]
    public void Concurrent_validation_revocation_and_purging_stay_consistent()
    {
        InMemoryReferenceTokenStore store = Store();
        const int Threads = 8;
        const int PerThread = 200;
        string[] tokens = new string[Threads * PerThread];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = store.Issue(Entry($"user-{i}", s_now.AddHours(1)));
        }

        ConcurrentQueue<string> failures = new();
        using Barrier start = new(Threads);
        Thread[] threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    Random random = new(thread);
                    for (int n = 0; n < PerThread; n++)
                    {
                        // Revoke every other token of this thread's slice; check it at once.
                        int own = (thread * PerThread) + n;
                        if (own % 2 == 0)
                        {
                            if (!store.Revoke(tokens[own]) || store.Validate(tokens[own]).IsValid)
                            {
                                failures.Enqueue($"revoking {own}");
                            }
                        }

                        // Meanwhile read anyone's token: it is either valid for its subject or revoked.
                        int any = random.Next(tokens.Length);
                        OpaqueTokenResult result = store.Validate(tokens[any]);
                        bool right = result.IsValid
                            ? result.Subject == $"user-{any}"
                            : result.Status == TokenStatus.UnknownToken;
                        if (!right)
                        {
                            failures.Enqueue($"reading {any}: {result.Status}");
                        }

                        if (n % 50 == 0)
                        {
                            store.Purge();
                        }
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.ToString());
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        Assert.Equal(tokens.Length / 2, store.Count);
        Assert.Equal(tokens.Length / 2, store.Entries.Count());
        for (int i = 0; i < tokens.Length; i++)
        {
            OpaqueTokenResult result = store.Validate(tokens[i]);
            Assert.Equal(i % 2 == 0 ? TokenStatus.UnknownToken : TokenStatus.Valid, result.Status);
        }
    }

    [Fact]
    public void Default_result_is_not_valid_and_has_no_principal()
    {
        OpaqueTokenResult none = default;

        Assert.False(none.IsValid);
        Assert.Equal(TokenStatus.UnknownToken, none.Status);
        Assert.Throws<InvalidOperationException>(() => none.Subject);
    }

    [Fact]
    public void Refused_result_has_no_principal()
    {
        OpaqueTokenResult result = Store().Validate("unknown-token-unknown-token");

        Assert.Equal(TokenStatus.UnknownToken, result.Status);
        Assert.Throws<InvalidOperationException>(() => result.Entry);
        Assert.Throws<InvalidOperationException>(() => result.Scopes);
        Assert.Throws<ArgumentException>(() => new OpaqueTokenResult(TokenStatus.Valid));
    }

    [Fact]
    public void Hashes_compare_by_value()
    {
        ReferenceTokenHash a = ReferenceTokenHash.Compute("token-one-token-one-token"u8);
        ReferenceTokenHash b = ReferenceTokenHash.Compute("token-one-token-one-token");
        ReferenceTokenHash c = ReferenceTokenHash.Compute("token-one-token-one-tokeN");

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals((object)c));
        Assert.Throws<ArgumentException>(() => ReferenceTokenHash.FromBytes(new byte[31]));
        Assert.Throws<ArgumentException>(() => ReferenceTokenHash.Compute("tokén"));
    }

    private InMemoryReferenceTokenStore Store(TimeSpan skew = default, int maxEntries = 100_000) => new(new()
    {
        TimeProvider = _clock,
        ClockSkew = skew,
        MaxEntries = maxEntries,
    });

    private static ReferenceTokenEntry Entry(
        string subject,
        DateTimeOffset expiresAt,
        string[]? scopes = null,
        params (string Name, string Value)[] claims) =>
        new(subject, expiresAt, scopes, claims.Select(c => KeyValuePair.Create(c.Name, c.Value)));
}
