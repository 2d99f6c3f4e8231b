using System.Collections.Concurrent;
using System.Text;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>One validator shared by many threads, as in a web server; results cross threads.</summary>
public sealed class ThreadSafetyTests
{
    private const int Threads = 8;

    [Fact]
    public void Shared_validator_gives_every_thread_correct_results()
    {
        JwtValidator validator = TestTokens.Validator();
        List<(string Token, TokenStatus Status, string? Subject)> cases = [];
        foreach (JwtAlgorithm algorithm in new[] { JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.ES256 })
        {
            for (int i = 0; i < 3; i++)
            {
                string subject = $"{algorithm}-user-{i}";
                cases.Add((TestTokens.ValidFor(subject, algorithm), TokenStatus.Valid, subject));
            }

            string valid = TestTokens.Valid(algorithm);
            string forged = valid[..^3] + (valid[^3] == 'A' ? "BAA" : "AAA");
            string expired = TestTokens.Valid(algorithm, TestTokens.Claims(now: TestTokens.Now - 7200));
            string elsewhere = TestTokens.Valid(
                algorithm,
                TestTokens.Claims().Replace("api://orders", "api://other", StringComparison.Ordinal));
            cases.Add((forged, TokenStatus.SignatureInvalid, null));
            cases.Add((expired, TokenStatus.Expired, null));
            cases.Add((elsewhere, TokenStatus.AudienceInvalid, null));
        }

        ConcurrentQueue<string> failures = new();
        RunOnThreads(thread =>
        {
            for (int n = 0; n < 120; n++)
            {
                int index = ((thread * 5) + (n * 7)) % cases.Count;
                (string token, TokenStatus status, string? subject) = cases[index];
                using JwtValidationResult result = n % 2 == 0
                    ? validator.Validate(token)
                    : validator.Validate(Encoding.ASCII.GetBytes(token));

                if (result.Status != status)
                {
                    failures.Enqueue($"case {index}: {result.Status} instead of {status}");
                }
                else if (subject is not null && (Encoding.UTF8.GetString(result.Subject) != subject ||
                    !result.Audiences.Contains("api://orders"u8)))
                {
                    failures.Enqueue($"case {index}: claims of another token");
                }
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void Result_validated_on_one_thread_is_read_and_disposed_on_another()
    {
        JwtValidator validator = TestTokens.Validator();
        const int Count = 400;
        string[] tokens = [.. Enumerable.Range(0, 8).Select(i => TestTokens.ValidFor($"user-{i}"))];
        using BlockingCollection<(JwtValidationResult Result, string Subject)> handOver = new(boundedCapacity: 16);
        ConcurrentQueue<string> failures = new();
        JwtValidationResult last = default;

        Thread producer = new(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                JwtValidationResult result = validator.Validate(tokens[i % tokens.Length]);
                last = result;
                handOver.Add((result, $"user-{i % tokens.Length}"));

                // Keep validating here while the consumer holds earlier results.
                using JwtValidationResult local = validator.Validate(tokens[(i + 3) % tokens.Length]);
                if (Encoding.UTF8.GetString(local.Subject) != $"user-{(i + 3) % tokens.Length}")
                {
                    failures.Enqueue($"producer read another token at {i}");
                }
            }

            handOver.CompleteAdding();
        });

        Thread consumer = new(() =>
        {
            foreach ((JwtValidationResult result, string subject) in handOver.GetConsumingEnumerable())
            {
                if (!result.IsValid || Encoding.UTF8.GetString(result.Subject) != subject)
                {
                    failures.Enqueue($"consumer read {Encoding.UTF8.GetString(result.Subject)} for {subject}");
                }

                result.Dispose();
            }
        });

        producer.Start();
        consumer.Start();
        producer.Join();
        consumer.Join();

        Assert.Empty(failures);
        Assert.True(last.IsValid);
        Assert.Throws<ObjectDisposedException>(() => last.Subject.Length);
    }

    [Fact]
    public void Results_disposed_on_other_threads_feed_the_pool_without_mixing_buffers()
    {
        JwtValidator validator = TestTokens.Validator();
        ConcurrentBag<JwtValidationResult> held = [];
        ConcurrentQueue<string> failures = new();

        // Each thread validates and leaves its results for others to dispose, while also reading.
        RunOnThreads(thread =>
        {
            for (int n = 0; n < 100; n++)
            {
                string subject = $"t{thread}-n{n}";
                JwtValidationResult result = validator.Validate(TestTokens.ValidFor(subject));
                if (Encoding.UTF8.GetString(result.Subject) != subject)
                {
                    failures.Enqueue($"{subject} read as {Encoding.UTF8.GetString(result.Subject)}");
                }

                held.Add(result);
                if (held.TryTake(out JwtValidationResult other))
                {
                    other.Dispose();
                }
            }
        });

        foreach (JwtValidationResult result in held)
        {
            result.Dispose();
        }

        Assert.Empty(failures);
    }

    private static void RunOnThreads(Action<int> body)
    {
        ConcurrentQueue<Exception> errors = new();
        using Barrier start = new(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }))];

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(errors);
    }
}
