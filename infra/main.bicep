// WRES Action Tracker on Azure: a Linux App Service (Node 22 LTS) running the
// bot, the tab and its API; a user-assigned managed identity for Graph (and
// for the bot itself with UserAssignedMSI); the Azure Bot with its Teams channel.
// The SharePoint lists and the app registrations are set up separately: docs/deploy.md.
targetScope = 'resourceGroup'

@description('Base name for every resource, e.g. wres-prod. The web app answers at https://<appName>.azurewebsites.net, so the name must be unique across Azure.')
@minLength(3)
@maxLength(40)
param appName string

@description('Azure region for the plan, web app and identity (the bot itself is global).')
param location string = resourceGroup().location

@description('App Service plan size. Basic B1 or above, because Always On needs it.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('How the bot proves who it is: UserAssignedMSI uses the managed identity made here (no secret); SingleTenant uses an Entra app registration and its client secret.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the bot app registration\'s application (client) id. Leave empty for UserAssignedMSI.')
param botAppId string = ''

@description('SingleTenant only: the bot app registration\'s client secret. Leave empty for UserAssignedMSI.')
@secure()
param botAppPassword string = ''

@description('Azure Bot pricing tier. Teams is a standard channel, so F0 carries no message charge.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Host name that serves the tab, e.g. wres.example.nhs.uk: a custom domain bound to the web app. Empty: the web app\'s azurewebsites.net name.')
param tabDomain string = ''

@description('Application (client) id of the tab\'s Entra app registration, used for tab single sign-on.')
param tabAppClientId string

@description('Entra tenant ids whose staff may open the tab, comma separated. Empty: this deployment\'s tenant.')
param allowedTenants string = ''

@description('Graph id of the SharePoint site holding the plan lists (hostname,site-collection-id,web-id).')
param sharePointSiteId string

@description('E&D leads (emails or Entra object or group ids, comma separated): they update any action and get the digest.')
param edLeads string = ''

@description('Board members and other readers (emails or Entra object or group ids, comma separated). Empty: anyone in an allowed tenant can read.')
param viewers string = ''

@description('Platform admins (several organisations): emails or Entra object or group ids, comma separated. They manage the registry on the tab\'s Admin page and read no plan unless an organisation lists them.')
param platformAdmins string = ''

@description('IANA time zone for due dates and reminder times.')
param timeZone string = 'Europe/London'

@description('Local time of day reminders and digests go out, HH:MM (24-hour).')
param reminderTime string = '09:00'

@description('Days before the due date that owners are reminded, comma separated.')
param reminderOffsetsDays string = '14,7,1,0'

@description('Days without an update after which an action counts as stale in the digest.')
@minValue(1)
@maxValue(365)
param staleAfterDays int = 30

@description('Whose UK bank holidays reminders skip: england-and-wales, scotland or northern-ireland.')
@allowed([
  'england-and-wales'
  'scotland'
  'northern-ireland'
])
param bankHolidays string = 'england-and-wales'

@description('true: install the Teams app through Graph for owners who have never opened it, before their reminder (needs the Graph permissions in docs/deploy.md).')
@allowed([
  'true'
  'false'
])
param proactiveInstall string = 'false'

@description('true: group ids on leads and viewers lists are checked in the directory (Graph checkMemberGroups) when a sign-in carries no groups claim, as in the NHSmail tenant, and always in the bot. Needs GroupMember.Read.All and User.Read.All (docs/deploy.md).')
@allowed([
  'true'
  'false'
])
param directoryGroups string = 'false'

@description('The directory attribute organisations\' directory values are matched against (their viewers are the people whose attribute is one of them). Needs User.Read.All when used.')
@allowed([
  'companyName'
  'department'
  'officeLocation'
])
param directoryAttribute string = 'companyName'

@description('The app\'s id in your Teams app catalogue (Teams admin centre → Manage apps → the app → App ID). Empty: looked up from the manifest id, which needs AppCatalog.Read.All.')
param teamsAppCatalogId string = ''

@description('Model Employer aspirational goal: the BME percentage to aim for in every AfC band cluster (0-100). Empty: the BME share of the whole workforce each year.')
param modelEmployerGoalPercent string = ''

@description('App Service instances. One keeps the outbox in SQLite on /home; more than one adds a storage account for the outbox queue and the reminder cycle lease (SQLite\'s WAL does not work on the shared /home).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Tags applied to every resource.')
param tags object = {}

var useMsi = botAppType == 'UserAssignedMSI'
var microsoftAppId = useMsi ? identity.properties.clientId : botAppId
var publicHost = empty(tabDomain) ? web.properties.defaultHostName : tabDomain
var tabAppIdUri = 'api://${publicHost}/botid-${microsoftAppId}'
// Several instances share the outbox and the cycle lease through Azure Storage, never through the /home SQLite file.
var scaleOut = instanceCount > 1
var outboxQueueName = 'wres-outbox'
var cycleContainerName = 'wres-cycles'
var storageQueueUrl = scaleOut ? storage.properties.primaryEndpoints.queue : ''
var storageBlobUrl = scaleOut ? storage.properties.primaryEndpoints.blob : ''
// Built-in roles: data access only (no keys, no management of the account).
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${appName}-id'
  location: location
  tags: tags
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Only with several instances: the outbox queue (and its poison queue) and the cycle lease container,
// reached with the managed identity alone (no shared keys, no public blobs, TLS 1.2).
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (scaleOut) {
  name: take('${replace(toLower(appName), '-', '')}${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    accessTier: 'Hot'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = if (scaleOut) {
  parent: storage
  name: 'default'
}

resource outboxQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = if (scaleOut) {
  parent: queueService
  name: outboxQueueName
}

resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = if (scaleOut) {
  parent: queueService
  name: '${outboxQueueName}-poison'
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = if (scaleOut) {
  parent: storage
  name: 'default'
}

resource cycleContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (scaleOut) {
  parent: blobService
  name: cycleContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (scaleOut) {
  scope: storage
  name: guid(resourceGroup().id, appName, 'outbox-queue', queueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (scaleOut) {
  scope: storage
  name: guid(resourceGroup().id, appName, 'cycle-lease', blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/bot/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Every setting bot/src/config.ts reads in production; test/infra checks the list.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: web
  name: 'appsettings'
  // The roles are in place before an instance that checks its storage account at start-up is configured to use it.
  dependsOn: [queueRole, blobRole, outboxQueue, poisonQueue, cycleContainer]
  properties: {
    NODE_ENV: 'production'
    PUBLIC_URL: 'https://${publicHost}'
    STORE: 'sharepoint'
    SHAREPOINT_SITE_ID: sharePointSiteId
    LOAD_SAMPLE_PLAN: 'false'
    LOAD_SAMPLE_ORGANISATIONS: 'false'
    SCHEDULER: 'true'
    OUTBOX_PATH: '/home/data/wres/outbox.db'
    AZURE_STORAGE_QUEUE_URL: storageQueueUrl
    AZURE_STORAGE_BLOB_URL: storageBlobUrl
    AZURE_STORAGE_CLIENT_ID: scaleOut ? identity.properties.clientId : ''
    OUTBOX_QUEUE: outboxQueueName
    CYCLE_LEASE_CONTAINER: cycleContainerName
    MicrosoftAppId: microsoftAppId
    MicrosoftAppPassword: useMsi ? '' : botAppPassword
    MicrosoftAppType: botAppType
    MicrosoftAppTenantId: tenant().tenantId
    GRAPH_TENANT_ID: tenant().tenantId
    GRAPH_CLIENT_ID: identity.properties.clientId
    AAD_APP_CLIENT_ID: tabAppClientId
    AAD_APP_ID_URI: tabAppIdUri
    ALLOWED_TENANTS: empty(allowedTenants) ? tenant().tenantId : allowedTenants
    ED_LEADS: edLeads
    VIEWERS: viewers
    PLATFORM_ADMINS: platformAdmins
    TIMEZONE: timeZone
    REMINDER_TIME: reminderTime
    REMINDER_OFFSETS_DAYS: reminderOffsetsDays
    STALE_AFTER_DAYS: string(staleAfterDays)
    MODEL_EMPLOYER_GOAL_PERCENT: modelEmployerGoalPercent
    BANK_HOLIDAYS: bankHolidays
    PROACTIVE_INSTALL: proactiveInstall
    DIRECTORY_GROUPS: directoryGroups
    DIRECTORY_ATTRIBUTE: directoryAttribute
    TEAMS_APP_CATALOG_ID: teamsAppCatalogId
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${appName}-bot'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'WRES Action Tracker'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: botAppType
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: useMsi ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Name of the web app, for az webapp deploy.')
output webAppName string = web.name

@description('Address staff use: PUBLIC_URL.')
output publicUrl string = 'https://${publicHost}'

@description('The bot\'s messaging endpoint.')
output messagingEndpoint string = 'https://${web.properties.defaultHostName}/api/messages'

@description('The bot id (BOT_ID for npm run package).')
output botId string = microsoftAppId

@description('Application ID URI the tab app registration must expose (AAD_APP_ID_URI).')
output tabAppIdUri string = tabAppIdUri

@description('Client id of the managed identity: grant it Sites.Selected and the site permission.')
output identityClientId string = identity.properties.clientId

@description('Object (principal) id of the managed identity, for the Graph app role assignment.')
output identityPrincipalId string = identity.properties.principalId

@description('Entra tenant id of this deployment.')
output tenantId string = tenant().tenantId

@description('The storage account several instances share (empty with one instance).')
output storageAccountName string = scaleOut ? storage.name : ''
