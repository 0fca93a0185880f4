// Production: a Premium v3 plan, the bot on its managed identity, the tab on
// the organisation's own domain. Values that differ per organisation come from
// the environment of whoever deploys (see docs/deploy.md); no secret is kept here.
using './main.bicep'

param appName = readEnvironmentVariable('WRES_APP_NAME', 'wres-prod')
param appServicePlanSku = 'P0v3'
param botAppType = 'UserAssignedMSI'
param botSku = 'F0'
param tabDomain = readEnvironmentVariable('TAB_DOMAIN')
param tabAppClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param allowedTenants = readEnvironmentVariable('ALLOWED_TENANTS', '')
param sharePointSiteId = readEnvironmentVariable('SHAREPOINT_SITE_ID')
param edLeads = readEnvironmentVariable('ED_LEADS')
param viewers = readEnvironmentVariable('VIEWERS', '')
param timeZone = 'Europe/London'
param reminderTime = '09:00'
param reminderOffsetsDays = '14,7,1,0'
param staleAfterDays = 30
param bankHolidays = readEnvironmentVariable('BANK_HOLIDAYS', 'england-and-wales')
param proactiveInstall = readEnvironmentVariable('PROACTIVE_INSTALL', 'false')
param teamsAppCatalogId = readEnvironmentVariable('TEAMS_APP_CATALOG_ID', '')
param tags = {
  application: 'wres-action-tracker'
  environment: 'prod'
}
