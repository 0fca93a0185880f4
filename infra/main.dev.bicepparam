// Development: a small plan, the bot on its managed identity. Values that
// differ per organisation come from the environment of whoever deploys
// (see docs/deploy.md); no secret is kept in this file.
using './main.bicep'

param appName = readEnvironmentVariable('WRES_APP_NAME', 'wres-dev')
param appServicePlanSku = 'B1'
param botAppType = 'UserAssignedMSI'
param botSku = 'F0'
param tabDomain = readEnvironmentVariable('TAB_DOMAIN', '')
param tabAppClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param sharePointSiteId = readEnvironmentVariable('SHAREPOINT_SITE_ID')
param edLeads = readEnvironmentVariable('ED_LEADS', '')
param viewers = readEnvironmentVariable('VIEWERS', '')
param timeZone = 'Europe/London'
param reminderTime = '09:00'
param tags = {
  application: 'wres-action-tracker'
  environment: 'dev'
}
