using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 组建队伍: the secretary forms a 志愿者服务队 or 党小组 of its community, optionally on one of its posts, with a
/// leader from the community (who joins the team). Edits carry the version; a dissolved team is not edited.
/// </summary>
public sealed class SaveTeam(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "队伍类型")] public TeamKind? Kind { get; set; }
        [Display(Name = "名称")] public string? Name { get; set; }
        [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
        [Display(Name = "依托岗位")] public Guid? PostId { get; set; }
        [Display(Name = "队长（组长）")] public Guid? LeaderMemberId { get; set; }
        public string? LeaderName { get; set; }
        [Display(Name = "简介")] public string? Description { get; set; }
        public Guid? Version { get; set; }
        public Guid? Id { get; set; }

        [BindNever, ValidateNever] public IReadOnlyList<ListPosts.Option> Posts { get; set; } = [];
    }

    public async Task<Form?> NewAsync(Guid? postId)
    {
        if (ClaimRules.SecretaryCommunity(db) is null) return null;
        var form = new Form { Kind = TeamKind.VolunteerTeam, PostId = postId };
        if (postId is { } p)
        {
            if (await db.ServicePosts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p) is not { } post) return null;
            form.Category = post.Category;
        }
        return await PrepareAsync(form);
    }

    public async Task<Form?> EditFormAsync(Guid id)
    {
        var t = await db.Teams.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (t is null || ClaimRules.SecretaryCommunity(db) is null) return null;
        var leader = await db.Members.AsNoTracking().Where(m => m.Id == t.LeaderMemberId).Select(m => m.Name).FirstOrDefaultAsync();
        return await PrepareAsync(new Form
        {
            Id = t.Id, Kind = t.Kind, Name = t.Name, Category = t.Category, PostId = t.PostId, LeaderMemberId = t.LeaderMemberId,
            LeaderName = leader, Description = t.Description, Version = t.Version,
        });
    }

    /// <summary>Creates (<paramref name="id"/> null) or edits a team. Nothing is written on a problem.</summary>
    public async Task<Outcome> SaveAsync(Guid? id, Form form, bool bindingValid)
    {
        if (ClaimRules.SecretaryCommunity(db) is not { } community) return Outcome.Missing;
        var team = id is { } teamId ? await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId) : null;
        if (id is not null && team is null) return Outcome.Missing;
        form.Id = id;
        await PrepareAsync(form);
        var problems = new List<FieldProblem>();
        if (team is { IsDissolved: true }) problems.Add(new("", TeamRules.Dissolved));
        if (form.Kind is not { } kind || !Enum.IsDefined(kind)) problems.Add(new(nameof(form.Kind), "请选择队伍类型"));
        var name = ClaimRules.Clean(form.Name);
        if (name is null) problems.Add(new(nameof(form.Name), "请填写名称"));
        else if (name.Length > 100) problems.Add(new(nameof(form.Name), "名称不能超过100个字"));
        if (form.Category is { } c && c != ServiceCategory.None && !Enum.IsDefined(c)) problems.Add(new(nameof(form.Category), "请从列表中选择一个服务类别"));
        if (form.PostId is { } postId && !await db.ServicePosts.AnyAsync(p => p.Id == postId && p.CommunityId == community))
        {
            problems.Add(new(nameof(form.PostId), "请选择本社区的岗位"));
        }
        var (leader, leaderProblem) = await TeamRules.ActiveMemberAsync(db, form.LeaderMemberId, community, nameof(form.LeaderMemberId), "队长（组长）");
        if (leaderProblem is not null) problems.Add(leaderProblem);
        if (ClaimRules.Clean(form.Description) is { Length: > 500 }) problems.Add(new(nameof(form.Description), "简介不能超过500个字"));
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);
        if (team is not null && form.Version != team.Version) return Outcome.Invalid("", TeamRules.Stale);

        team ??= db.Teams.Add(new Team { CommunityId = community, Name = "" }).Entity;
        team.Kind = form.Kind!.Value;
        team.Name = name!;
        team.Category = form.Category ?? ServiceCategory.None;
        team.PostId = form.PostId;
        team.LeaderMemberId = leader!.Id;
        team.Description = ClaimRules.Clean(form.Description);
        if (id is null || !await TeamRules.IsInTeamAsync(db, team.Id, leader.Id))
        {
            db.TeamMemberships.Add(TeamRules.Join(team, leader.Id, ClaimRules.Today(time)));
        }
        if (id is not null) db.Entry(team).Property(t => t.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid("", TeamRules.Stale);
        }
        return Outcome.Done(id is null ? $"已组建：{team.Name}" : $"已保存：{team.Name}", team.Id);
    }

    private async Task<Form> PrepareAsync(Form form)
    {
        form.Posts = await db.ServicePosts.AsNoTracking().Where(p => !p.IsClosed || p.Id == form.PostId)
            .OrderBy(p => p.Kind).ThenBy(p => p.Name).Select(p => new ListPosts.Option(p.Id, p.Name)).Take(ListPosts.Limit).ToListAsync();
        return form;
    }
}
