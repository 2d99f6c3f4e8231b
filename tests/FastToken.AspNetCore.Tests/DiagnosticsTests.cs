using System.Diagnostics;
using System.Diagnostics.Metrics;
using FastToken.AspNetCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastToken.AspNetCore.Tests;

/// <summary>Tests that listen to process-wide instruments run alone.</summary>
[CollectionDefinition(nameof(DiagnosticsCollection), DisableParallelization = true)]
public sealed class DiagnosticsCollection;

/// <summary>Logs, metrics and traces: what they say, and that they never carry a token.</summary>
[Collection(nameof(DiagnosticsCollection))]
public sealed class DiagnosticsTests
{
    private const string Category = "FastToken.AspNetCore.FastTokenHandler";

    [Fact]
    public async Task Each_outcome_is_logged_with_its_event_id_and_never_the_token()
    {
        await using TestApi api = await TestApi.StartAsync(options =>
            options.TokenSources = TokenSources.AuthorizationHeaderThenCookie);
        string valid = TestTokens.Valid();
        string expired = TestTokens.Expired();
        string other = TestTokens.Valid(new { sub = "other" });

        (await api.GetAsync("/protected", valid)).Dispose();
        (await api.GetAsync("/protected")).Dispose();
        (await api.GetAsync("/protected", expired)).Dispose();
        (await api.GetAsync("/protected", valid, "access_token=" + other)).Dispose();
        (await api.SendAsync(HttpMethod.Post, "/protected", cookie: "access_token=" + valid)).Dispose();
        (await api.GetAsync("/admin", valid)).Dispose();

        TestLogs.Entry[] mine = [.. api.Logs.Entries.Where(e => e.Category == Category)];
        Assert.Contains(mine, e => e.EventId.Id == 1 && e.Level == LogLevel.Debug);
        Assert.Contains(mine, e => e.EventId.Id == 2 && e.Message.Contains("NotFound", StringComparison.Ordinal));
        Assert.Contains(
            mine, e => e.EventId.Id == 3 && e.Message.Contains("ConflictingTokens", StringComparison.Ordinal));
        Assert.Contains(mine, e => e.EventId.Id == 4 && e.Message.Contains("Expired", StringComparison.Ordinal));
        Assert.Contains(mine, e => e.EventId.Id == 5 && e.Level == LogLevel.Warning);
        Assert.Contains(mine, e => e.EventId.Id == 7);
        Assert.Contains(mine, e => e.EventId.Id == 8);
        Assert.Contains(mine, e => e.EventId.Name == "TokenInvalid");

        string[] secrets = [.. new[] { valid, expired, other }.SelectMany(t => t.Split('.'))];
        foreach (TestLogs.Entry entry in api.Logs.Entries)
        {
            foreach (string secret in secrets)
            {
                Assert.DoesNotContain(secret, entry.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Authentications_are_counted_by_result_and_timed()
    {
        await using TestApi api = await TestApi.StartAsync(options =>
            options.TokenSources = TokenSources.AuthorizationHeaderThenCookie);
        IMeterFactory factory = api.App.Services.GetRequiredService<IMeterFactory>();
        List<(string Result, string Source)> counted = [];
        int durations = 0;
        using MeterListener listener = new();
        listener.InstrumentPublished = (instrument, l) =>
        {
            bool ours = instrument.Meter.Name == FastTokenDefaults.MeterName
                && ReferenceEquals(instrument.Meter.Scope, factory);
            if (ours)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            Assert.Equal("fasttoken.authentications", instrument.Name);
            Assert.Equal(1, value);
            Assert.Equal(FastTokenDefaults.AuthenticationScheme, Tag(tags, "fasttoken.scheme"));
            lock (counted)
            {
                counted.Add((Tag(tags, "fasttoken.result"), Tag(tags, "fasttoken.source")));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) =>
        {
            Assert.Equal("fasttoken.authentication.duration", instrument.Name);
            Assert.True(value >= 0);
            Interlocked.Increment(ref durations);
        });
        listener.Start();

        (await api.GetAsync("/protected", TestTokens.Valid())).Dispose();
        (await api.GetAsync("/protected")).Dispose();
        (await api.GetAsync("/protected", TestTokens.Expired())).Dispose();
        (await api.GetAsync("/protected", TestTokens.ForgedSignature())).Dispose();
        (await api.SendAsync(HttpMethod.Post, "/protected", cookie: "access_token=" + TestTokens.Valid())).Dispose();
        (await api.GetAsync("/protected", "a", "access_token=b")).Dispose();
        (await api.GetAsync("/protected", cookie: "access_token=" + TestTokens.Valid())).Dispose();

        Assert.Equal(
            [
                ("valid", "header"),
                ("no-token", "none"),
                ("expired", "header"),
                ("signature-invalid", "header"),
                ("csrf-refused", "cookie"),
                ("invalid-request", "none"),
                ("valid", "cookie"),
            ],
            counted);
        Assert.Equal(counted.Count, durations);
    }

    [Fact]
    public async Task Each_authentication_is_an_activity()
    {
        await using TestApi api = await TestApi.StartAsync();
        List<Activity> stopped = [];
        using ActivityListener listener = new()
        {
            ShouldListenTo = source => source.Name == FastTokenDefaults.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        (await api.GetAsync("/protected", TestTokens.Valid())).Dispose();
        (await api.GetAsync("/protected", TestTokens.Expired())).Dispose();

        Assert.Collection(
            stopped,
            ok =>
            {
                Assert.Equal("FastToken.Authenticate", ok.OperationName);
                Assert.Equal("valid", ok.GetTagItem("fasttoken.result"));
                Assert.Equal("header", ok.GetTagItem("fasttoken.source"));
                Assert.Equal(ActivityStatusCode.Unset, ok.Status);
            },
            failed =>
            {
                Assert.Equal("expired", failed.GetTagItem("fasttoken.result"));
                Assert.Equal(ActivityStatusCode.Error, failed.Status);
            });
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == name)
            {
                return (string)tag.Value!;
            }
        }

        return "(missing)";
    }
}
