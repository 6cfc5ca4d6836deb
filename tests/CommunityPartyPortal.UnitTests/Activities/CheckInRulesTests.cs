using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Activities;
using CommunityPartyPortal.Web.Features.Reporting;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Activities;

public sealed class CheckInRulesTests
{
    /// <summary>2026-05-02 09:00–11:00 China time (01:00–03:00 UTC).</summary>
    private static Activity Activity(bool cancelled = false) => new()
    {
        Title = "测试活动",
        CheckInCode = "x",
        StartsAt = new DateTime(2026, 5, 2, 1, 0, 0, DateTimeKind.Utc),
        EndsAt = new DateTime(2026, 5, 2, 3, 0, 0, DateTimeKind.Utc),
        DefaultMinutes = 120,
        IsCancelled = cancelled,
    };

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 5, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Staff_window_is_from_30_minutes_before_the_start_to_24_hours_after_the_end()
    {
        var a = Activity();
        CheckInRules.Refusal(a, Utc(2, 0, 30), self: false).ShouldBeNull("exactly 30 minutes before the start");
        CheckInRules.Refusal(a, Utc(2, 0, 29), self: false)!.ShouldStartWith("不在活动签到时间内（活动尚未开始");
        CheckInRules.Refusal(a, Utc(3, 3, 0), self: false).ShouldBeNull("exactly 24 hours after the end");
        CheckInRules.Refusal(a, Utc(3, 3, 1), self: false)!.ShouldStartWith("不在活动签到时间内（活动结束已超过24小时");
        CheckInRules.Refusal(a, Utc(3, 3, 1), self: false)!.ShouldContain("2026-05-02 08:30 至 2026-05-03 11:00");
    }

    [Fact]
    public void Self_window_closes_at_the_end()
    {
        var a = Activity();
        CheckInRules.Refusal(a, Utc(2, 3, 0), self: true).ShouldBeNull();
        CheckInRules.Refusal(a, Utc(2, 3, 1), self: true)!.ShouldStartWith("不在活动签到时间内（活动已结束");
        CheckInRules.Refusal(a, Utc(2, 0, 29), self: true)!.ShouldContain("活动尚未开始");
    }

    [Fact]
    public void A_cancelled_activity_takes_no_check_in()
    {
        CheckInRules.Refusal(Activity(cancelled: true), Utc(2, 2), self: false).ShouldBe(CheckInRules.Cancelled);
    }

    [Theory]
    [InlineData(null, 0, CheckInRules.HoursRequired)]
    [InlineData("0", 0, CheckInRules.HoursPositive)]
    [InlineData("-1", 0, CheckInRules.HoursPositive)]
    [InlineData("0.001", 0, CheckInRules.HoursPositive)]
    [InlineData("2.1", 0, "服务时长不能超过活动时长（2.0小时）")]
    [InlineData("2", 120, null)]
    [InlineData("0.5", 30, null)]
    [InlineData("1.25", 75, null)]
    public void Hours_are_positive_and_at_most_the_length(string? hours, int minutes, string? problem)
    {
        var parsed = hours is null ? (decimal?)null : decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture);
        CheckInRules.Minutes(parsed, 120).ShouldBe((minutes, problem));
    }

    [Fact]
    public void China_times_and_dates()
    {
        var a = Activity();
        CheckInRules.ServedOn(a).ShouldBe(new DateOnly(2026, 5, 2));
        CheckInRules.ToUtc(new DateTime(2026, 5, 2, 9, 0, 0)).ShouldBe(a.StartsAt);
        CheckInRules.Hours(90).ShouldBe("1.5");
        CheckInRules.ServedOn(new Activity { Title = "", CheckInCode = "", StartsAt = new DateTime(2026, 5, 1, 16, 30, 0, DateTimeKind.Utc) })
            .ShouldBe(new DateOnly(2026, 5, 2), "00:30 China time on 2 May is 16:30 UTC on 1 May");
    }

    [Fact]
    public void The_activity_form_rules()
    {
        var form = new ActivityForm
        {
            Title = "  ", Category = null, StartsAt = new DateTime(2026, 5, 2, 9, 0, 0), EndsAt = new DateTime(2026, 5, 2, 9, 0, 0),
            Capacity = 0, DefaultHours = 1,
        };
        var fields = form.Validate().ToDictionary(p => p.Field, p => p.Message);
        fields["Title"].ShouldBe("请填写活动名称");
        fields["Category"].ShouldBe("请选择服务类别");
        fields["EndsAt"].ShouldBe("结束时间必须晚于开始时间");
        fields["Capacity"].ShouldStartWith("人数上限至少为1人");

        form = new ActivityForm { Title = "a", Category = ServiceCategory.LegalAid, StartsAt = new DateTime(2026, 5, 2, 9, 0, 0), EndsAt = new DateTime(2026, 5, 2, 10, 0, 0), DefaultHours = 1.5m };
        form.Validate().ShouldHaveSingleItem().ShouldBe(new Problem("DefaultHours", "默认服务时长不能超过活动时长（1.0小时）"));
        form.DefaultHours = 0;
        form.Validate().ShouldHaveSingleItem().Message.ShouldBe("默认服务时长必须大于0");
        form.DefaultHours = 1;
        form.Validate().ShouldBeEmpty();
    }
}
