using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Invitations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Invitations");
        }
    }
}
