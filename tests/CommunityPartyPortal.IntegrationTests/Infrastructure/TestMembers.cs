using System.Globalization;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>Test members: valid, unused IDs and phones, accounts and members read back, a member added directly.</summary>
internal static class TestMembers
{
    private static int counter;

    /// <summary>The 18-digit ID of region, birth date and sequence number, with its check digit.</summary>
    public static string NationalIdOf(string region, DateOnly born, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{born:yyyyMMdd}{sequence:000}");
        return first17 + NationalId.CheckDigit(first17);
    }

    /// <summary>A valid, unused national ID (region 110105, never used by the synthetic county).</summary>
    public static string NewNationalId(bool male = true, DateOnly? birth = null)
    {
        var n = Interlocked.Increment(ref counter);
        var born = birth ?? new DateOnly(1960, 1, 1).AddDays(n * 37 % 9000);
        return NationalIdOf("110105", born, (Random.Shared.Next(0, 500) * 2) + (male ? 1 : 0));
    }

    /// <summary>A valid mobile number unlikely to be used by the seed (prefix 196 is not among its prefixes).</summary>
    public static string NewMobile() =>
        string.Create(CultureInfo.InvariantCulture, $"196{Random.Shared.Next(0, 10_000):0000}{Random.Shared.Next(0, 10_000):0000}");

    public static Task<PortalUser> UserAsync(PortalFactory portal, string userName) =>
        portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    public static Task<Member> MemberAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>
    /// Adds a new in-service member directly (system scope), living in <paramref name="community"/> (its first grid)
    /// and working in <paramref name="workUnit"/>, named by <paramref name="nameOf"/> from the new ID.
    /// </summary>
    public static Task<Member> AddMemberAsync(PortalFactory portal, Guid community, Guid workUnit, Func<string, string> nameOf, Action<Member>? change = null) =>
        portal.WithDbAsync(async db =>
        {
            var street = await db.Organizations.AsNoTracking().Where(o => o.Id == community).Select(o => o.ParentId).SingleAsync();
            var grid = await db.Organizations.AsNoTracking().Where(o => o.ParentId == community && o.Kind == OrgKind.Grid).OrderBy(o => o.Code).FirstAsync();
            var id = NewNationalId();
            var member = new Member
            {
                Name = nameOf(id),
                NationalId = id,
                Mobile = NewMobile(),
                Gender = NationalId.IsMale(id) == true ? Gender.Male : Gender.Female,
                BirthDate = NationalId.BirthDate(id)!.Value,
                Ethnicity = "汉族",
                Education = Education.Bachelor,
                JoinedPartyOn = new DateOnly(2005, 7, 1),
                Status = MembershipStatus.Full,
                Category = MemberCategory.InService,
                WorkUnitId = workUnit,
                CommunityId = community,
                StreetId = street,
                GridId = grid.Id,
            };
            change?.Invoke(member);
            db.Members.Add(member);
            await db.SaveChangesAsync();
            return member;
        });
}
